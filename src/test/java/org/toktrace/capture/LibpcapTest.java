package org.toktrace.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toktrace.model.LiveCaptureUnavailableException;

/** What the user is told per operating system, and how libpcap's errors are recognised. */
class LibpcapTest {

    @TempDir
    Path dir;

    @Test
    void permissionAdviceSaysWhatToDoOnEachSystem() {
        String linux = Libpcap.permissionHint(Libpcap.Os.LINUX, "wlan0");
        assertTrue(linux.startsWith("no permission to capture on wlan0: "), linux);
        assertTrue(linux.contains("setcap cap_net_raw,cap_net_admin=eip") && linux.contains("sudo"), linux);
        assertTrue(Libpcap.permissionHint(Libpcap.Os.MACOS, "bridge100").contains("/dev/bpf*"));
        assertTrue(Libpcap.permissionHint(Libpcap.Os.WINDOWS, "x").contains("Npcap"));
        assertTrue(Libpcap.installHint(Libpcap.Os.WINDOWS).contains("https://npcap.com"));
        assertTrue(Libpcap.installHint(Libpcap.Os.LINUX).contains("libpcap0.8"));
        assertFalse(linux.contains("\n"));
    }

    @Test
    void libpcapPermissionErrorsAreRecognised() {
        assertTrue(Libpcap.isPermissionError("socket: Operation not permitted"));
        assertTrue(Libpcap.isPermissionError("You don't have permission to capture on that device (socket: Operation not permitted)"));
        assertTrue(Libpcap.isPermissionError("(cannot open BPF device) /dev/bpf0: Permission denied"));
        assertFalse(Libpcap.isPermissionError("No such device exists"));
        assertFalse(Libpcap.isPermissionError(null));
        assertEquals(Libpcap.Os.LINUX, Libpcap.os(), "the tests run on Linux");
    }

    @Test
    void aMissingInterfaceOrABadFilterIsOneClearLine() {
        LiveCaptureUnavailableException missing = assertThrows(LiveCaptureUnavailableException.class,
                () -> LiveFrameSource.start(LiveCaptureConfig.of("no-such-if0", null, dir.resolve("x.pcapng"))));
        // as root: no such interface; as an ordinary user libpcap may refuse before it looks
        assertTrue(missing.reason() == LiveCaptureUnavailableException.Reason.NO_SUCH_INTERFACE
                || missing.reason() == LiveCaptureUnavailableException.Reason.NO_PERMISSION, missing.toString());
        assertFalse(missing.getMessage().contains("\n"));
    }
}
