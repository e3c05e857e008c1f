package org.toktrace.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.ToLongFunction;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.toktrace.analysis.TikTokReport;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.Device;
import org.toktrace.model.NetworkShare;
import org.toktrace.model.ServerNetwork;
import org.toktrace.model.ThirdPartyReport;
import org.toktrace.model.TikTokDestinations;

/**
 * The "Where it goes" tab: TikTok's bytes by the country and the network operator of its server
 * addresses, each split into foreground and background, and the third parties the device contacted
 * while TikTok ran beside them. Double-click or Enter on a row shows its flows in the Flows tab
 * ({@code country:}, {@code operator:} and {@code service:} filters of {@link FlowFilter}).
 */
final class WherePane {

    /** One table row: a name, its flows, and its bytes in foreground, background and outside TikTok's states. */
    record Row(String name, String detail, long flows, long foreground, long background, long other, String filter) {
        long bytes() {
            return foreground + background + other;
        }
    }

    /** What the tab shows for one result and device, computed off the UI thread. */
    record View(String source, List<Row> countries, List<Row> operators, List<Row> thirdParties, String note) {
    }

    private final Label source = new Label();
    private final Label note = new Label();
    private final TableView<Row> countries = table("whereCountries", "country", "No TikTok traffic to a public address.");
    private final TableView<Row> operators = table("whereOperators", "network operator", "No TikTok traffic to a public address.");
    private final TableView<Row> thirdParties = table("whereThirdParties", "third party",
            "No third party the catalog knows (ads, analytics, crash reporting, login) was contacted.");
    private final VBox root;
    private final Executor worker;
    private final AtomicLong job = new AtomicLong();

    /**
     * @param worker   where the view is computed (the network table is read on first use)
     * @param showRows called on the UI thread with a flows-table filter text and whether it is TikTok's
     */
    WherePane(Executor worker, BiConsumer<String, Boolean> showRows) {
        this.worker = worker;
        Label title = new Label("Where TikTok's traffic goes");
        title.getStyleClass().add("section-title");
        source.setWrapText(true);
        source.setMinHeight(Region.USE_PREF_SIZE);
        note.setWrapText(true);
        note.setMinHeight(Region.USE_PREF_SIZE);
        note.getStyleClass().add("muted");
        for (TableView<Row> t : List.of(countries, operators, thirdParties)) {
            t.setRowFactory(v -> {
                TableRow<Row> row = new TableRow<>();
                row.setOnMouseClicked(e -> {
                    if (e.getClickCount() == 2 && row.getItem() != null) {
                        showRows.accept(row.getItem().filter(), t != thirdParties);
                    }
                });
                return row;
            });
            t.setOnKeyPressed(e -> {
                Row r = t.getSelectionModel().getSelectedItem();
                if (e.getCode() == KeyCode.ENTER && r != null) {
                    showRows.accept(r.filter(), t != thirdParties);
                }
            });
        }
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(6);
        for (int i = 0; i < 2; i++) {
            ColumnConstraints c = new ColumnConstraints();
            c.setPercentWidth(50);
            grid.getColumnConstraints().add(c);
        }
        grid.add(new Label("By country of the server address"), 0, 0);
        grid.add(new Label("By network operator"), 1, 0);
        grid.add(countries, 0, 1);
        grid.add(operators, 1, 1);
        GridPane.setVgrow(countries, Priority.ALWAYS);
        GridPane.setVgrow(operators, Priority.ALWAYS);
        Label third = new Label("Third parties contacted while TikTok ran, by TikTok's state at the time");
        Label hint = new Label("Bars: foreground (orange) and background (blue) bytes. Double-click a row, or press Enter, to see its flows.");
        hint.getStyleClass().add("muted");
        root = new VBox(8, title, source, grid, third, thirdParties, note, hint);
        VBox.setVgrow(grid, Priority.ALWAYS);
        VBox.setVgrow(thirdParties, Priority.ALWAYS);
        root.setPadding(new Insets(10));
        root.setId("wherePane");
    }

    Node node() {
        return root;
    }

    /**
     * Shows where {@code r}'s TikTok traffic goes on {@code device} (null: all devices), beside the
     * third parties of {@code third} (the result's report, which the caller has made anyway).
     */
    void show(AnalysisResult r, Device.Id device, ThirdPartyReport third) {
        long j = job.incrementAndGet();
        if (r == null) {
            apply(new View("", List.of(), List.of(), List.of(), ""));
            return;
        }
        worker.execute(() -> {
            View v = viewOf(r, device, third);
            Platform.runLater(() -> {
                if (job.get() == j) {
                    apply(v);
                }
            });
        });
    }

    private void apply(View v) {
        source.setText(v.source());
        note.setText(v.note());
        countries.getItems().setAll(v.countries());
        operators.getItems().setAll(v.operators());
        thirdParties.getItems().setAll(v.thirdParties());
        double max = 1;
        for (Row row : v.countries()) {
            max = Math.max(max, row.bytes());
        }
        countries.setUserData(max);
        operators.setUserData(max);
        double third = 1;
        for (Row row : v.thirdParties()) {
            third = Math.max(third, row.bytes());
        }
        thirdParties.setUserData(third);
        for (TableView<Row> t : List.of(countries, operators, thirdParties)) {
            t.refresh();
        }
    }

    /** The view of {@code r} on {@code device}; null for all devices. */
    static View viewOf(AnalysisResult r, Device.Id device, ThirdPartyReport third) {
        TikTokDestinations d = TikTokReport.destinations(r, device);
        String source = "TikTok's " + Figures.bytes(d.bytes()) + " by where its server addresses are registered ("
                + d.source() + ", data of " + d.dataDate() + "). ByteDance's own networks: "
                + Figures.percent(d.share(ServerNetwork.BYTEDANCE)) + " \u00b7 CDNs: " + Figures.percent(d.share(ServerNetwork.CDN))
                + " \u00b7 clouds: " + Figures.percent(d.share(ServerNetwork.CLOUD))
                + ". A country here is the address's registration, not proof of where the data is stored.";
        List<Row> countries = new ArrayList<>();
        for (NetworkShare s : d.byCountry()) {
            countries.add(new Row(s.name(), "", s.flows(), s.foregroundBytes(), s.backgroundBytes(), 0,
                    s.name().equals("unknown") ? "" : "country:" + s.name()));
        }
        List<Row> operators = new ArrayList<>();
        for (NetworkShare s : d.byOperator()) {
            operators.add(new Row(s.name(), "", s.flows(), s.foregroundBytes(), s.backgroundBytes(), 0, operatorFilter(s.name())));
        }
        List<Row> parties = new ArrayList<>();
        for (ThirdPartyReport.DeviceContacts dev : third.devices()) {
            if (!Device.includes(device, dev.device())) {
                continue;
            }
            for (ThirdPartyReport.Contact c : dev.services()) {
                parties.add(new Row(c.service(), c.category().label() + " \u00b7 " + String.join(", ", c.names()), c.flows(),
                        c.foregroundBytes(), c.backgroundBytes(), c.otherBytes(), "service:" + c.service()));
            }
        }
        parties.sort((a, b) -> Long.compare(b.bytes(), a.bytes()));
        return new View(source, countries, operators, parties, third.devices().isEmpty() ? "" : third.note());
    }

    /** {@code operator:as20940} when the operator has a number, else a part of its name. */
    private static String operatorFilter(String operator) {
        int as = operator.lastIndexOf("(AS");
        return as >= 0 && operator.endsWith(")") ? "operator:" + operator.substring(as + 1, operator.length() - 1) : "operator:" + operator;
    }

    private static TableView<Row> table(String id, String what, String empty) {
        TableView<Row> t = new TableView<>();
        t.setId(id);
        t.setPlaceholder(new Label(empty));
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        TableColumn<Row, Row> name = new TableColumn<>(what);
        name.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        name.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Row r, boolean empty) {
                super.updateItem(r, empty);
                setText(empty || r == null ? null : r.name());
                setTooltip(empty || r == null ? null : new Tooltip(r.detail().isEmpty() ? r.name() : r.name() + "\n" + r.detail()));
            }
        });
        name.setPrefWidth(220);
        name.setMinWidth(90);
        t.getColumns().add(name);
        t.getColumns().add(number("flows", Row::flows, false));
        t.getColumns().add(number("foreground", Row::foreground, true));
        t.getColumns().add(number("background", Row::background, true));
        if (id.equals("whereThirdParties")) {
            t.getColumns().add(number("before TikTok", Row::other, true));
        }
        TableColumn<Row, Row> bar = new TableColumn<>("share");
        bar.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        bar.setCellFactory(c -> new BarCell());
        bar.setSortable(false);
        bar.setMinWidth(60);
        bar.widthProperty().addListener((o, a, b) -> t.refresh());
        t.getColumns().add(bar);
        return t;
    }

    private static TableColumn<Row, Long> number(String head, ToLongFunction<Row> value, boolean bytes) {
        TableColumn<Row, Long> c = new TableColumn<>(head);
        c.setCellValueFactory(v -> new ReadOnlyObjectWrapper<>(value.applyAsLong(v.getValue())));
        c.setCellFactory(v -> new TableCell<>() {
            @Override
            protected void updateItem(Long n, boolean empty) {
                super.updateItem(n, empty);
                setText(empty || n == null ? null : bytes ? Figures.bytes(n) : Figures.count(n));
            }
        });
        c.setStyle("-fx-alignment: CENTER-RIGHT;");
        // the numbers keep their width; the name gives way and keeps its full text in a tooltip
        c.setMinWidth(bytes ? 110 : 56);
        c.setPrefWidth(bytes ? 110 : 56);
        return c;
    }

    /** A bar as long as the row's bytes against the table's largest, foreground then background. */
    private static final class BarCell extends TableCell<Row, Row> {
        private final Region fg = new Region();
        private final Region bg = new Region();
        private final HBox box = new HBox(fg, bg);

        BarCell() {
            fg.getStyleClass().add("bar-foreground");
            bg.getStyleClass().add("bar-background");
            fg.setPrefHeight(10);
            bg.setPrefHeight(10);
            box.setMinWidth(0);
        }

        @Override
        protected void updateItem(Row r, boolean empty) {
            super.updateItem(r, empty);
            if (empty || r == null) {
                setGraphic(null);
                return;
            }
            double max = getTableView().getUserData() instanceof Double d ? d : Math.max(1, r.bytes());
            double width = Math.max(0, getTableColumn().getWidth() - 12);
            fg.setPrefWidth(width * r.foreground() / max);
            bg.setPrefWidth(width * r.background() / max);
            fg.setMinWidth(Region.USE_PREF_SIZE);
            bg.setMinWidth(Region.USE_PREF_SIZE);
            setGraphic(box);
        }
    }
}
