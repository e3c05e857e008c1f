/**
 * Who a flow belongs to: the service catalog (a data file of domain suffixes), names from DNS answers
 * followed through CNAME chains, the learned name memory, the operator's IP ranges, and the
 * {@link org.toktrace.attribute.Attributor} that weighs them, strongest first (DESIGN.md section 6).
 */
package org.toktrace.attribute;
