package org.toktrace.ui.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.AppState;
import org.toktrace.model.CaptureFormat;
import org.toktrace.model.CaptureInfo;
import org.toktrace.model.DeviceStates;
import org.toktrace.model.Device;
import org.toktrace.model.PacketCounters;
import org.toktrace.model.StateInterval;
import org.toktrace.model.TrafficBreakdown;

/** The live status line names each device as the Device picker does: name and MAC, escaped. */
class LiveStatusLineNamesTest {

    @Test
    void devicesAreNamedAsInThePicker() {
        long phone = 0x0a33_ef6f_f86cL;
        long tablet = 0x3eb3_7bc7_b2b3L;
        AnalysisResult r = new AnalysisResult(new CaptureInfo("wlan0", -1, CaptureFormat.PCAPNG, List.of(1), 0, 1), List.of(),
                new PacketCounters(0, 0, 0, 0, 0, 0, 0, 0, 0), List.of(), false, List.of(), "test", TrafficBreakdown.EMPTY,
                List.of(new DeviceStates(Device.Id.parse("0a:33:ef:6f:f8:6c"), List.of(new StateInterval(AppState.FOREGROUND, 0, 1, 1, "t")),
                        1, 0, 1, 0), new DeviceStates(Device.Id.parse("3e:b3:7b:c7:b2:b3"), List.of(), 0, 0, 0, 0)));
        List<Device> devices = List.of(new Device(phone, List.of(), "Pixel-7\u202E", "dhcp"),
                new Device(tablet, List.of(), "", ""));
        assertEquals(List.of("Pixel-7\\u202e \u00b7 0a:33:ef:6f:f8:6c (foreground)", "3e:b3:7b:c7:b2:b3 (no state yet)"),
                LiveStatusLine.deviceStates(r, devices));
        assertEquals("10.0.0.9", LiveStatusLine.nameOf(Device.Id.parse("10.0.0.9"), devices), "a device the snapshot does not know");
    }
}
