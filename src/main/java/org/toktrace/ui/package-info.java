/**
 * The desktop app: JavaFX views, their view models and the JFreeChart adapters. The only package
 * that touches {@code javafx}, {@code org.jfree} or {@code java.awt}; it drives the analysis through
 * its public API and exports through the same writers as the command line.
 */
package org.toktrace.ui;
