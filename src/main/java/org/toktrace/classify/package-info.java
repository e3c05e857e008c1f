/**
 * Foreground and background state of TikTok per device over time (DESIGN.md section 5), decided
 * online from binned TikTok volumes by category; uses only {@code model} and the JDK.
 */
package org.toktrace.classify;
