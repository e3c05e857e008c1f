package org.toktrace;

/** Placeholder. */
public final class Launcher {
    public static void main(String[] args) { }
}
