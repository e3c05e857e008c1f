/** Records and enums every other package shares: addresses, flow keys, flows, captures, results. */
package org.toktrace.model;
