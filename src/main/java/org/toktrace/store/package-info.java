/**
 * TokTrace's own database (H2, one file in the user's data directory, owner-only): the schema and
 * its ordered migrations, the learned name memory, and the capture library (every saved analysis,
 * reopened without the capture; docs/decisions/0015 and 0016).
 */
package org.toktrace.store;
