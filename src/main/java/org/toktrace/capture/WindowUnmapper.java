package org.toktrace.capture;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;

/**
 * Unmaps a memory-mapped window as soon as the reader has moved past it. Without this the windows
 * stay mapped until a garbage collection, which a loop that allocates nothing never triggers, and
 * the process's resident size grows with the file, a byte of RSS for each byte read.
 *
 * <p>Java 17 has no public unmap; {@code sun.misc.Unsafe.invokeCleaner} (module jdk.unsupported,
 * open to every class path) is the one that Lucene and netty use. Where it is missing, windows are
 * left to the garbage collector, as before. The caller must hold no other reference to the window:
 * touching an unmapped buffer crashes the JVM instead of throwing.
 */
final class WindowUnmapper {

    private static final MethodHandle INVOKE_CLEANER = lookup();

    private WindowUnmapper() {
    }

    private static MethodHandle lookup() {
        try {
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            Field theUnsafe = unsafeClass.getDeclaredField("theUnsafe");
            theUnsafe.setAccessible(true);
            MethodHandle cleaner = MethodHandles.lookup().findVirtual(unsafeClass, "invokeCleaner",
                    MethodType.methodType(void.class, ByteBuffer.class));
            return cleaner.bindTo(theUnsafe.get(null));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** Whether windows are unmapped at once here (else the garbage collector does it). */
    static boolean available() {
        return INVOKE_CLEANER != null;
    }

    /** Unmaps {@code window}, a buffer returned by {@code FileChannel.map} (not a view of one). */
    static void unmap(ByteBuffer window) {
        if (INVOKE_CLEANER == null || window == null || !window.isDirect()) {
            return;
        }
        try {
            INVOKE_CLEANER.invokeExact(window);
        } catch (Throwable e) {
            // not a mapping we may release (a view, or already released): the collector will do it
        }
    }
}
