/**
 * The bidirectional flow table: client/server orientation, per-direction counters, idle and close
 * timeouts, per-flow time bins and IP fragment attribution, over primitive arrays.
 */
package org.toktrace.flow;
