package org.toktrace.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.toktrace.analysis.AnalysisOptions;
import org.toktrace.analysis.CaptureAnalyzer;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.DeviceStates;
import org.toktrace.model.FlowRecord;
import org.toktrace.model.Device;
import org.toktrace.model.IpAddress;
import org.toktrace.testkit.NamedDevicesCapture;

/**
 * The Device picker under TestFX: it names the phones as they named themselves ("Pixel-7 · MAC"),
 * picking one by that name shows its own figures, the flows filter and the details pane name it too,
 * a live capture's list grows and names devices as snapshots come while the pick stays, and a
 * hostile name is shown escaped.
 */
@ExtendWith(ApplicationExtension.class)
class DevicePickerTest {

    @TempDir
    static Path dir;
    static NamedDevicesCapture capture;
    static AnalysisResult named;

    private MainWindow window;

    @BeforeAll
    static void writeTheCapture() throws Exception {
        capture = NamedDevicesCapture.write(dir.resolve("named.pcap"), "Pixel-7", "Galaxy-S23");
        named = new CaptureAnalyzer(AnalysisOptions.defaults()).analyze(capture.file());
    }

    @Start
    void start(Stage stage) {
        FileDialogs none = TestDialogs.none();
        window = new MainWindow(stage, new AnalysisSession(AnalysisRunner.defaults(), Platform::runLater), none,
                new RecentFiles(RecentFiles.Store.inMemory()));
        stage.show();
    }

    @SuppressWarnings("unchecked")
    private static ComboBox<String> picker(FxRobot robot) {
        return (ComboBox<String>) robot.lookup("#devicePicker").queryAs(ComboBox.class);
    }

    /** The text the picker shows on its button. */
    private static String shown(FxRobot robot) {
        return picker(robot).getButtonCell().getText();
    }

    private static String phoneTitle() {
        return "Pixel-7 \u00b7 " + capture.dhcpPhone().label();
    }

    @Test
    void thePickerNamesThePhoneAndPickingItShowsItsOwnFigures(FxRobot robot) throws Exception {
        robot.interact(() -> window.open(capture.file()));
        // the final result's devices, not a partial result's, so the list does not change under the click
        List<String> expected = new ArrayList<>(List.of(Device.ALL));
        Overview.devices(named).forEach(d -> expected.add(d.label()));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.session().phaseProperty().get()
                == AnalysisSession.Phase.FINISHED && picker(robot).getItems().equals(expected));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Device.ALL, shown(robot));

        // the list shows names; its items stay the MAC addresses every view keys devices by
        robot.clickOn("#devicePicker");
        WaitForAsyncUtils.waitForFxEvents();
        List<String> texts = new ArrayList<>();
        for (Node n : robot.lookup(".combo-box-popup .list-cell").queryAll()) {
            String t = ((ListCell<?>) n).getText();
            if (t != null) {
                texts.add(t);
            }
        }
        assertTrue(texts.contains(phoneTitle()), texts.toString());
        assertTrue(texts.contains("galaxy-s23 \u00b7 " + capture.mdnsPhone().label()), texts.toString());
        // the popup's own cell: the intervals table behind it names the phone the same way
        Node phoneCell = robot.lookup(".combo-box-popup .list-cell")
                .match((ListCell<?> c) -> phoneTitle().equals(c.getText())).query();
        robot.clickOn(phoneCell);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(capture.dhcpPhone().label(), picker(robot).getValue(), "the value stays the key");
        assertEquals(phoneTitle(), shown(robot));

        DeviceStates phone = named.states().stream().filter(d -> d.device().equals(capture.dhcpPhone().id()))
                .findFirst().orElseThrow();
        assertFalse(Figures.bytes(phone.backgroundBytes()).equals(Figures.bytes(named.totalStates().backgroundBytes())),
                "the phone's figures differ from all devices'");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#backgroundCardValue").queryAs(Label.class)
                .getText().equals(Figures.bytes(phone.backgroundBytes())));
        assertEquals(Figures.bytes(phone.foregroundBytes()), robot.lookup("#foregroundCardValue").queryAs(Label.class).getText());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> robot.lookup("#intervalsTable").queryTableView().getItems().size() == phone.intervals().size());
        TableView<Overview.Interval> intervals = robot.lookup("#intervalsTable").queryTableView();
        assertEquals(phoneTitle(), intervals.getColumns().get(0).getCellData(0), "the intervals name the device");

        // the flows tab: its device filter names the phones, and the details pane says whose a flow is
        robot.clickOn("#flowsTab");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#flowCount").queryAs(Label.class).getText()
                .contains(" of " + named.flows().size() + " flows"));
        @SuppressWarnings("unchecked")
        ComboBox<String> filter = (ComboBox<String>) robot.lookup("#deviceFilter").queryAs(ComboBox.class);
        assertEquals(phoneTitle(), filter.getConverter().toString(capture.dhcpPhone().label()));
        robot.interact(() -> {
            robot.lookup("#tiktokOnly").queryAs(javafx.scene.control.CheckBox.class).setSelected(false);
            filter.setValue(capture.dhcpPhone().label());
        });
        long phoneFlows = named.flows().stream().filter(f -> Device.Id.of(f).equals(capture.dhcpPhone().id())).count();
        TableView<FlowRecord> table = robot.lookup("#flowsTable").queryTableView();
        assertEquals(phoneFlows, table.getItems().size());
        assertEquals(phoneTitle(), filter.getButtonCell().getText());
        robot.interact(() -> table.getSelectionModel().select(0));
        String details = robot.lookup("#flowDetails").queryAs(TextArea.class).getText();
        assertTrue(details.contains("\nDevice: " + phoneTitle() + "\n"), details);
    }

    /** {@code r} with {@code announced} as its announced devices. */
    private static AnalysisResult withAnnounced(AnalysisResult r, List<Device> announced) {
        return new AnalysisResult(r.capture(), r.flows(), r.counters(), r.warnings(), false, r.learnedNames(),
                r.catalogVersion(), r.breakdown(), r.states(), announced);
    }

    @Test
    void duringALiveCaptureTheListGrowsAndNamesDevicesAndThePickStays(FxRobot robot) throws Exception {
        String phone = capture.dhcpPhone().label();
        AnalysisSession session = window.session();
        robot.interact(() -> {
            session.startLive(dir.resolve("live.pcapng"), "Capturing on wlan0", () -> { });
            session.showLive(withAnnounced(named, List.of()), "snapshot 1");
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> picker(robot).getItems().contains(phone));
        robot.interact(() -> picker(robot).setValue(phone));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(phone, shown(robot), "no name yet: the MAC");
        int before = picker(robot).getItems().size();

        // the next snapshot knows the names, and a device that only asked DHCP for an address so far
        Device newcomer = new Device(0x0200_0000_0042L, List.of(IpAddress.parse("192.168.137.42")), "iPad", "dhcp");
        List<Device> announced = new ArrayList<>(named.announcedDevices());
        announced.add(newcomer);
        robot.interact(() -> session.showLive(withAnnounced(named, announced), "snapshot 2"));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> picker(robot).getItems().contains(newcomer.label()));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(before + 1, picker(robot).getItems().size());
        assertEquals(newcomer.label(), picker(robot).getItems().get(picker(robot).getItems().size() - 1),
                "a device without flows comes last");
        assertEquals(phone, picker(robot).getValue(), "the pick stays");
        assertEquals(phoneTitle(), shown(robot), "and now shows its name");
        robot.interact(session::cancel);
    }

    @Test
    void aHostileNameIsShownEscaped(FxRobot robot) throws Exception {
        String phone = capture.dhcpPhone().label();
        Device hostile = new Device(capture.dhcpPhone().mac(), List.of(),
                "\u202Eevil\u0007\n<b>bold</b>=1+1", "dhcp");
        robot.interact(() -> window.session().showStored(capture.file(), withAnnounced(named, List.of(hostile)), "stored"));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> picker(robot).getItems().contains(phone));
        robot.interact(() -> picker(robot).setValue(phone));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("\\u202eevil\\x07\\x0a<b>bold</b>=1+1 \u00b7 " + phone, shown(robot));
    }
}
