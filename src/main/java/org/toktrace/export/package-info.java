/** CSV and JSON writers for analysis results; safe against formulas and escapes in packet text. */
package org.toktrace.export;
