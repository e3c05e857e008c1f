/** The {@code toktrace} command line (picocli); the only package that writes to standard output. */
package org.toktrace.cli;
