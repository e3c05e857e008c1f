package org.toktrace.ui.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.toktrace.model.CaptureInterface;
import org.toktrace.model.InterfaceAddress;
import org.toktrace.model.IpAddress;

/**
 * The live capture dialog: labels whole beside long interface lines, every device listed with the
 * hotspot first and the devices that are no network last, and a default file to keep, not in /tmp.
 */
@ExtendWith(ApplicationExtension.class)
class CaptureDialogTest {
    /** As libpcap lists them on a Linux laptop sharing Wi-Fi, in its order. */
    static final List<CaptureInterface> LAPTOP = List.of(
            device("enp0s31f6", "Ethernet controller with a rather long description from the driver", false),
            device("bluetooth-monitor", "Bluetooth Linux Monitor", false),
            device("wlp2s0", "", false, "NetworkManager's hotspot subnet 10.42.0.0/24", "10.42.0.1"),
            device("any", "Pseudo-device that captures on all interfaces", false),
            device("lo", "", true),
            device("nflog", "Linux netfilter log (NFLOG) interface", false),
            device("nfqueue", "Linux netfilter queue (NFQUEUE) interface", false),
            device("dbus-system", "D-Bus system bus", false),
            device("dbus-session", "D-Bus session bus", false),
            device("usbmon1", "Raw USB traffic, bus number 1", false),
            device("docker0", "", false));

    private Stage stage;

    private static CaptureInterface device(String name, String description, boolean loopback) {
        return new CaptureInterface(name, description, List.of(), loopback, true, "");
    }

    private static CaptureInterface device(String name, String description, boolean loopback, String hint, String ip) {
        return new CaptureInterface(name, description, List.of(new InterfaceAddress(IpAddress.parse(ip), 24)), loopback, true, hint);
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(), 1024, 700)); // a dialog copies its owner's stylesheets
        stage.show();
    }

    @Test
    void labelsAreWholeBesideLongInterfaceLines(FxRobot robot) {
        robot.interact(() -> {
            Dialog<CaptureDialog.Choice> d = CaptureDialog.of(stage, LAPTOP);
            d.getDialogPane().setPrefWidth(520); // narrower than the interface lines: something has to give
            d.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
        for (String id : List.of("#interfaceLabel", "#filterLabel", "#pcapngLabel")) {
            Label label = robot.lookup(id).queryAs(Label.class);
            assertTrue(label.getWidth() + 0.5 >= label.prefWidth(-1), id + ": " + label.getWidth() + " < " + label.prefWidth(-1));
            // what is drawn: a label too narrow draws "Inte…"
            Text drawn = (Text) label.lookup(".text");
            assertEquals(label.getText(), drawn.getText(), id);
        }
        robot.interact(() -> robot.lookup("#liveCaptureDialog").query().getScene().getWindow().hide());
    }

    @Test
    void everyDeviceIsListedTheHotspotFirstAndTheNonNetworksLastMarkedOther(FxRobot robot) {
        robot.interact(() -> CaptureDialog.of(stage, LAPTOP).show());
        WaitForAsyncUtils.waitForFxEvents();
        @SuppressWarnings("unchecked")
        ComboBox<CaptureInterface> picker = robot.lookup("#interfacePicker").queryAs(ComboBox.class);
        List<String> order = picker.getItems().stream().map(CaptureInterface::name).toList();
        assertEquals(List.of("wlp2s0", "enp0s31f6", "any", "docker0", "lo", "bluetooth-monitor", "nflog", "nfqueue",
                "dbus-system", "dbus-session", "usbmon1"), order, "none hidden; the hotspot first, the others last");
        assertEquals("wlp2s0", picker.getValue().name(), "the hotspot is picked");
        assertTrue(CaptureDialog.text(picker.getItems().get(0)).startsWith("\u2605 wlp2s0"));
        assertTrue(CaptureDialog.text(picker.getItems().get(0)).contains("likely hotspot"));
        for (CaptureInterface i : picker.getItems().subList(5, picker.getItems().size())) {
            assertTrue(CaptureDialog.text(i).startsWith("other: " + i.name()), CaptureDialog.text(i));
        }
        for (CaptureInterface i : picker.getItems().subList(0, 5)) {
            assertFalse(CaptureDialog.text(i).startsWith("other"), CaptureDialog.text(i));
        }
        robot.interact(() -> robot.lookup("#liveCaptureDialog").query().getScene().getWindow().hide());
    }

    @Test
    void theDefaultFileIsKeptInTheUsersTokTraceFolderNotInTmp(FxRobot robot, @TempDir Path home) throws Exception {
        ZonedDateTime now = ZonedDateTime.of(2026, 11, 22, 3, 15, 0, 0, ZoneOffset.UTC);
        assertEquals(home.resolve("TokTrace").resolve("capture-20261122-031500.pcapng"), CaptureDialog.defaultFile(home, now),
                "without Documents, in the home folder");
        Files.createDirectory(home.resolve("Documents"));
        assertEquals(home.resolve("Documents").resolve("TokTrace").resolve("capture-20261122-031500.pcapng"),
                CaptureDialog.defaultFile(home, now));
        assertFalse(Files.exists(home.resolve("Documents").resolve("TokTrace")), "made when a capture starts, not before");

        robot.interact(() -> CaptureDialog.of(stage, LAPTOP).show());
        WaitForAsyncUtils.waitForFxEvents();
        Path offered = Path.of(robot.lookup("#pcapngField").queryAs(TextField.class).getText());
        Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
        assertFalse(offered.toAbsolutePath().normalize().startsWith(tmp), offered + " is under " + tmp);
        assertTrue(offered.startsWith(Path.of(System.getProperty("user.home"))), offered.toString());
        assertEquals("TokTrace", offered.getParent().getFileName().toString());
        robot.interact(() -> robot.lookup("#liveCaptureDialog").query().getScene().getWindow().hide());
    }
}
