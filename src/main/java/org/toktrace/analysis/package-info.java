/** Wires capture, decoding and the flow table into one pass that yields an {@code AnalysisResult}. */
package org.toktrace.analysis;
