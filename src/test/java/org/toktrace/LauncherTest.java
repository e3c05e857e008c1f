package org.toktrace;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which arguments open the desktop app and which go to the command line. */
class LauncherTest {

    @Test
    void noArgumentsOrOneExistingCaptureOpenTheApp() {
        assertTrue(Launcher.opensDesktop(new String[0]));
        assertTrue(Launcher.opensDesktop(new String[] {"captures/hotspot-sample.pcap"}));
    }

    @Test
    void commandsOptionsAndMissingFilesGoToTheCommandLine() {
        assertFalse(Launcher.opensDesktop(new String[] {"analyze", "captures/hotspot-sample.pcap"}));
        assertFalse(Launcher.opensDesktop(new String[] {"analyze"}));
        assertFalse(Launcher.opensDesktop(new String[] {"--help"}));
        assertFalse(Launcher.opensDesktop(new String[] {"--version"}));
        assertFalse(Launcher.opensDesktop(new String[] {"no-such-capture.pcap"}), "the CLI says what is wrong");
        assertFalse(Launcher.opensDesktop(new String[] {"captures"}), "a directory is no capture");
        assertFalse(Launcher.opensDesktop(new String[] {"captures/hotspot-sample.pcap", "--extra"}));
    }
}
