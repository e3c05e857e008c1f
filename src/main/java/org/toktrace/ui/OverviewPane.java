package org.toktrace.ui;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;
import org.toktrace.model.Device;

/** The overview tab: the summary cards, the state intervals with their reasons, foreground vs background. */
final class OverviewPane {
    final CardView capture = new CardView("captureCard", "card-wide");
    final CardView foreground = new CardView("foregroundCard", "foreground");
    final CardView background = new CardView("backgroundCard", "background");
    final CardView claims = new CardView("claimsCard", "claims");
    final CardView tiktok = new CardView("tiktokCard");
    final CardView unattributed = new CardView("unattributedCard");
    final CardView push = new CardView("platformPushCard");
    final TableView<Overview.Interval> intervals = new TableView<>();
    final ChartViewer bars = new ChartViewer();
    private final Label intervalsTitle = new Label("State intervals");
    /** How the intervals name their device: by the name it gave itself, when it did (UI thread). */
    private java.util.function.Function<Device.Id, String> deviceTitles = Device::labelOf;
    private final ScrollPane root;

    OverviewPane() {
        GridPane cards = new GridPane();
        cards.setHgap(12);
        cards.setVgap(12);
        for (int i = 0; i < 3; i++) {
            ColumnConstraints c = new ColumnConstraints();
            c.setPercentWidth(100 / 3.0);
            c.setHgrow(Priority.ALWAYS);
            cards.getColumnConstraints().add(c);
        }
        claims.explain(Overview.claimsThreshold());
        cards.add(foreground, 0, 0);
        cards.add(background, 1, 0);
        cards.add(claims, 2, 0);
        cards.add(tiktok, 0, 1);
        cards.add(unattributed, 1, 1);
        cards.add(push, 2, 1);

        intervals.setId("intervalsTable");
        intervals.setPlaceholder(new Label("No TikTok traffic, so no foreground or background intervals."));
        intervals.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        intervals.getColumns().add(column("device", 196, i -> deviceTitles.apply(i.device())));
        intervals.getColumns().add(column("from (UTC)", 92, i -> Figures.clock(i.interval().startNanos())));
        intervals.getColumns().add(column("to", 80, i -> Figures.clock(i.interval().endNanos())));
        intervals.getColumns().add(column("state", 100, i -> i.interval().state().label()));
        intervals.getColumns().add(column("sure", 62, i -> Figures.percent(i.interval().confidence())));
        intervals.getColumns().add(column("why", 600, i -> i.interval().reason()));
        intervals.getStyleClass().add("dense");
        intervals.setPrefHeight(230);
        intervals.setRowFactory(t -> {
            javafx.scene.control.TableRow<Overview.Interval> row = new javafx.scene.control.TableRow<>();
            row.itemProperty().addListener((o, a, i) -> row.setTooltip(i == null ? null
                    : new javafx.scene.control.Tooltip(i.interval().reason())));
            return row;
        });
        intervalsTitle.getStyleClass().add("section-title");
        VBox intervalsBox = new VBox(6, intervalsTitle, intervals);
        HBox.setHgrow(intervalsBox, Priority.ALWAYS);
        VBox.setVgrow(intervals, Priority.ALWAYS);
        bars.setId("overviewBarsChart");
        bars.setPrefSize(380, 260);
        bars.setMinSize(300, 220);
        HBox lower = new HBox(12, intervalsBox, bars);

        VBox content = new VBox(12, capture, cards, lower);
        content.setPadding(new Insets(14));
        root = new ScrollPane(content);
        root.setFitToWidth(true);
        root.getStyleClass().add("edge-to-edge");
    }

    private static TableColumn<Overview.Interval, String> column(String title, double width,
            java.util.function.Function<Overview.Interval, String> value) {
        TableColumn<Overview.Interval, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setMinWidth(width < 600 ? width : 200);
        c.setSortable(false);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(value.apply(cd.getValue())));
        return c;
    }

    /**
     * Fills the intervals table with placeholder rows for a few frames at start-up and empties it:
     * its rows and cells (and their CSS) are made then, under the opaque start view,, and reused for the first result, instead of
     * costing the UI thread 100 ms in the frame that shows it.
     */
    void warmUp(PulseQueue queue) {
        org.toktrace.model.StateInterval placeholder = new org.toktrace.model.StateInterval(
                org.toktrace.model.AppState.BACKGROUND, 0, 1, 1, "placeholder");
        Overview.Interval row = new Overview.Interval(Device.Id.of(0, null), placeholder);
        intervals.getItems().setAll(java.util.Collections.nCopies(12, row));
        queue.add(() -> { });
        queue.add(() -> {
            if (intervals.getItems().size() == 12 && intervals.getItems().get(0) == row) {
                intervals.getItems().clear(); // unless a result came first
            }
        });
    }

    ScrollPane node() {
        return root;
    }

    /**
     * Shows {@code o} in three pieces, one per frame (see {@link PulseQueue}), naming devices by
     * {@code titles} (device to {@link DeviceChoice#title()}).
     */
    void show(Overview o, JFreeChart stateBars, PulseQueue queue, java.util.function.Function<Device.Id, String> titles) {
        queue.add(() -> cards(o));
        queue.add(() -> {
            deviceTitles = titles;
            intervals.getItems().setAll(o.intervals());
            intervalsTitle.setText(o.device() == null
                    ? "Foreground and background intervals, every device (hover for the reason)"
                    : "Foreground and background intervals of " + titles.apply(o.device()));
        });
        queue.add(() -> bars.setChart(stateBars));
    }

    private void cards(Overview o) {
        capture.show(o.capture());
        foreground.show(o.foreground());
        background.show(o.background());
        claims.show(o.claims());
        tiktok.show(o.tiktok());
        unattributed.show(o.unattributed());
        push.show(o.platformPush());
    }
}
