package org.toktrace.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The signal handler that lets Ctrl+C stop a capture, installed by reflection: a raised signal runs the
 * action. SIGWINCH stands in for SIGINT, which would stop the test JVM's own handling of Ctrl+C;
 * the JVM ignores WINCH by default, so leaving a handler for it changes nothing else.
 */
class InterruptsTest {

    @Test
    void aRaisedSignalRunsTheAction() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        assertTrue(Interrupts.handle("WINCH", ran::countDown), "installed");
        Class<?> signal = Class.forName("sun.misc.Signal");
        Method raise = signal.getMethod("raise", signal);
        raise.invoke(null, signal.getConstructor(String.class).newInstance("WINCH"));
        assertTrue(ran.await(10, TimeUnit.SECONDS), "the action ran");
    }

    @Test
    void aSignalTheSystemDoesNotOfferIsRefusedQuietly() {
        assertFalse(Interrupts.handle("NO-SUCH-SIGNAL", () -> { }));
    }
}
