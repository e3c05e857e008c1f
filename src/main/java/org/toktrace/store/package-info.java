/**
 * TokTrace's own database (H2, one file in the user's data directory, owner-only): the schema and
 * its ordered migrations, the learned name memory, and later the capture library.
 */
package org.toktrace.store;
