package org.toktrace.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.toktrace.analysis.AnalysisOptions;
import org.toktrace.analysis.CaptureAnalyzer;
import org.toktrace.analysis.ThirdPartyScenarioTest;
import org.toktrace.analysis.TikTokReport;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.Device;
import org.toktrace.model.FlowRecord;
import org.toktrace.model.ServerNetworks;
import org.toktrace.testkit.traffic.HotspotTrafficGenerator;

/**
 * The "Where it goes" tab: its rows add up to TikTok's bytes, each row's filter shows exactly the
 * flows the row counts, and a double-click on a third party shows its flows in the Flows tab.
 */
@ExtendWith(ApplicationExtension.class)
class WherePaneTest {

    private static Path dir;
    private static Path capture;
    private MainWindow window;

    @BeforeAll
    static void write() throws Exception {
        dir = Files.createTempDirectory("where");
        capture = dir.resolve("where.pcap");
        // one phone: 60 s in the background, 60 s scrolling, then the background again; AppsFlyer while
        // it scrolls, Adjust in the second background stretch, TikTok's login host as scrolling starts
        HotspotTrafficGenerator.write(ThirdPartyScenarioTest.onePhone(5), ThirdPartyScenarioTest.thirdParties(), capture);
    }

    @AfterAll
    static void clean() throws Exception {
        Files.deleteIfExists(capture);
        Files.deleteIfExists(dir);
    }

    @Start
    void start(Stage stage) {
        window = new MainWindow(stage, new AnalysisSession(AnalysisRunner.defaults(), Platform::runLater), TestDialogs.none(),
                new RecentFiles(RecentFiles.Store.inMemory()));
        stage.show();
    }

    @Test
    void rowsAddUpAndTheirFiltersKeepTheFlowsTheyCount() throws Exception {
        AnalysisResult r = new CaptureAnalyzer(AnalysisOptions.defaults()).analyze(capture);
        WherePane.View v = WherePane.viewOf(r, null, TikTokReport.of(r).thirdParties());
        long tiktok = r.flows().stream().filter(f -> f.attribution().isTikTok()).mapToLong(FlowRecord::bytes).sum();
        assertTrue(tiktok > 0);
        assertEquals(tiktok, v.countries().stream().mapToLong(WherePane.Row::bytes).sum());
        assertEquals(tiktok, v.operators().stream().mapToLong(WherePane.Row::bytes).sum());
        assertTrue(v.source().contains("data of "), v.source());

        ServerNetworks networks = TikTokReport.networks();
        for (WherePane.Row row : concat(v.countries(), v.operators())) {
            if (row.filter().isEmpty()) {
                continue;
            }
            FlowFilter f = new FlowFilter(true, null, null, null, row.filter(), networks);
            List<FlowRecord> kept = r.flows().stream().filter(f).toList();
            assertEquals(row.flows(), kept.size(), row.toString());
            assertEquals(row.bytes(), kept.stream().mapToLong(FlowRecord::bytes).sum(), row.toString());
        }

        WherePane.Row appsflyer = v.thirdParties().stream().filter(p -> p.name().equals("AppsFlyer")).findFirst().orElseThrow();
        WherePane.Row adjust = v.thirdParties().stream().filter(p -> p.name().equals("Adjust")).findFirst().orElseThrow();
        assertTrue(appsflyer.foreground() > 0 && appsflyer.background() == 0, appsflyer.toString());
        assertTrue(adjust.background() > 0 && adjust.foreground() == 0, adjust.toString());
        FlowFilter f = new FlowFilter(false, null, null, null, appsflyer.filter(), networks);
        assertEquals(appsflyer.flows(), r.flows().stream().filter(f).count());
    }

    @Test
    void aFieldFilterWithoutTheNetworkTableMatchesNothingButServiceStillWorks() throws Exception {
        AnalysisResult r = new CaptureAnalyzer(AnalysisOptions.defaults()).analyze(capture);
        assertEquals(0, r.flows().stream().filter(new FlowFilter(false, null, null, null, "country:US")).count());
        assertTrue(r.flows().stream().anyMatch(new FlowFilter(false, null, null, null, "service:adjust")));
        // free text still searches every field
        assertTrue(r.flows().stream().anyMatch(new FlowFilter(false, null, null, null, "adjust.com")));
    }

    @Test
    void doubleClickOnAThirdPartyShowsItsFlows(FxRobot robot) throws Exception {
        robot.interact(() -> window.open(capture));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.session().phaseProperty().get() == AnalysisSession.Phase.FINISHED);
        robot.clickOn("#whereTab");
        @SuppressWarnings("unchecked")
        TableView<WherePane.Row> parties = robot.lookup("#whereThirdParties").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> parties.getItems().stream().anyMatch(p -> p.name().equals("AppsFlyer")));
        WaitForAsyncUtils.waitForFxEvents();
        @SuppressWarnings("unchecked")
        TableRow<WherePane.Row> row = robot.lookup("#whereThirdParties .table-row-cell").queryAll().stream()
                .map(n -> (TableRow<WherePane.Row>) n).filter(t -> t.getItem() != null && t.getItem().name().equals("AppsFlyer"))
                .findFirst().orElseThrow();
        robot.doubleClickOn(row);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("flowsTab", selectedTab(robot));
        assertEquals("service:AppsFlyer", robot.lookup("#searchField").queryAs(TextField.class).getText());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !robot.lookup("#flowsTable").queryTableView().getItems().isEmpty());
        for (Object o : robot.lookup("#flowsTable").queryTableView().getItems()) {
            assertEquals("AppsFlyer", ((FlowRecord) o).attribution().service());
        }
        assertFalse(robot.lookup("#flowCount").queryAs(Label.class).getText().isEmpty());
    }

    @Test
    void theTimelineMarksTheLoginContacts() throws Exception {
        AnalysisResult r = new CaptureAnalyzer(AnalysisOptions.defaults()).analyze(capture);
        List<org.toktrace.model.ThirdPartyReport.LoginContacts> logins = TikTokReport.of(r).thirdParties().logins();
        assertEquals(1, logins.size(), logins.toString());
        Device.Id device = logins.get(0).device();
        for (Device.Id shown : new Device.Id[] {null, device, Device.Id.parse("10.255.255.254")}) {
            org.jfree.chart.JFreeChart chart = Charts.timeline(TimelineSeries.of(r, shown), true, "test");
            TimelineMarks.addLogins(chart, logins, shown);
            java.util.Collection<?> markers = chart.getXYPlot().getDomainMarkers(org.jfree.chart.ui.Layer.FOREGROUND);
            List<org.jfree.chart.plot.ValueMarker> login = markers == null ? List.of() : markers.stream()
                    .filter(m -> m instanceof org.jfree.chart.plot.ValueMarker v && "login".equals(v.getLabel()))
                    .map(m -> (org.jfree.chart.plot.ValueMarker) m).toList();
            if (shown != null && !shown.equals(device)) {
                assertTrue(login.isEmpty(), "another device's logins are not drawn");
            } else {
                assertEquals(1, login.size());
                assertEquals(logins.get(0).firstNanos() / 1e6, login.get(0).getValue(), 1e-3);
            }
        }
    }

    private static String selectedTab(FxRobot robot) {
        return robot.lookup(".tab-pane").queryAs(javafx.scene.control.TabPane.class).getSelectionModel().getSelectedItem().getId();
    }

    private static List<WherePane.Row> concat(List<WherePane.Row> a, List<WherePane.Row> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
