package org.toktrace.cli;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Ctrl+C (SIGINT) and SIGTERM stop a running capture instead of ending the JVM, so that the capture
 * is closed, its file complete, and the summary printed, with exit code 0. A shell starts a
 * script's background jobs with SIGINT ignored, and the JVM then leaves it ignored (as for nohup):
 * SIGTERM still stops such a capture cleanly.
 *
 * <p>{@code sun.misc.Signal} (module {@code jdk.unsupported}, exported for exactly this) is the only
 * way to handle a signal in Java 17. It is reached by reflection because javac reports every compiled
 * reference to it as internal proprietary API in a warning no {@code @SuppressWarnings} or lint option
 * silences when compiling with {@code --release}; at run time the class is the same.
 */
final class Interrupts {
    private Interrupts() {
    }

    static void onInterrupt(Runnable stop) {
        for (String name : new String[] {"INT", "TERM"}) {
            handle(name, stop);
        }
    }

    /**
     * Runs {@code action} when the signal {@code name} arrives, instead of the JVM's default.
     *
     * @return false when this OS or JVM does not offer that signal (TERM on Windows): the default stays
     */
    static boolean handle(String name, Runnable action) {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handler = Class.forName("sun.misc.SignalHandler");
            Constructor<?> named = signal.getConstructor(String.class);
            Method handle = signal.getMethod("handle", signal, handler);
            Object proxy = Proxy.newProxyInstance(handler.getClassLoader(), new Class<?>[] {handler},
                    (self, method, args) -> {
                        if (method.getDeclaringClass() == Object.class) {
                            return objectMethod(self, method, args);
                        }
                        action.run(); // handle(Signal), the interface's one method
                        return null;
                    });
            handle.invoke(null, named.newInstance(name), proxy);
            return true;
        } catch (InvocationTargetException e) {
            // IllegalArgumentException: a signal this OS or JVM does not offer, or one the JVM keeps for itself
            return false;
        } catch (ReflectiveOperationException | LinkageError | SecurityException e) {
            return false; // a runtime without jdk.unsupported: Ctrl+C keeps the JVM's default
        }
    }

    private static Object objectMethod(Object self, Method method, Object[] args) {
        switch (method.getName()) {
            case "equals":
                return self == args[0];
            case "hashCode":
                return System.identityHashCode(self);
            default:
                return "Interrupts handler";
        }
    }
}
