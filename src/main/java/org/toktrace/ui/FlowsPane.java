package org.toktrace.ui;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.jfree.chart.fx.ChartViewer;
import org.toktrace.analysis.TikTokReport;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.AppState;
import org.toktrace.model.Attribution;
import org.toktrace.model.Category;
import org.toktrace.model.Device;
import org.toktrace.model.FlowRecord;
import org.toktrace.model.IpAddress;
import org.toktrace.model.RegionHint;
import org.toktrace.model.ServerNetwork;
import org.toktrace.model.ServerNetworks;

/**
 * The flows tab: every flows.csv column (the column ids are the CSV names), sortable, filtered by
 * TikTok only, state, category, device and free text; the selected flow's evidence and its own
 * timeline below.
 */
final class FlowsPane {

    /**
     * Past this many flows the table filters and sorts on a thread of its own: a big capture's flows
     * are read from disk, and a pass over millions takes seconds the window must not freeze for.
     */
    static final int IN_PLACE_LIMIT = 100_000;
    private static final java.util.concurrent.Executor WORKER = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "toktrace-flows-table");
        t.setDaemon(true);
        return t;
    });

    /** The result's flows (UI thread). */
    private List<FlowRecord> source = List.of();
    /** The flows the filters keep, in order of first appearance; the table shows them sorted. */
    private FlowRows filtered = FlowRows.empty();
    /** Counts the filter and sort requests, so that a slow one finishing late does not undo a newer one. */
    private volatile long generation;
    /** The sort order the rows shown were sorted by ({@link #sortKey()}). */
    private List<Object> shownSort = List.of();
    /** The table is being given new rows: the sorts it asks for meanwhile are already done. */
    private boolean settingItems;
    final TableView<FlowRecord> table = new TableView<>();
    private static final String NO_MATCH = "No flows match the filters.";
    private final Label placeholder = new Label(NO_MATCH);
    final CheckBox tiktokOnly = new CheckBox("TikTok only");
    final ComboBox<AppState> state = new ComboBox<>();
    final ComboBox<Category> category = new ComboBox<>();
    /** Device keys (MAC addresses) shown by name ({@link DeviceChoiceCell}). */
    final ComboBox<String> device = new ComboBox<>();
    /** The devices of the flows shown, by key (UI thread); {@link Device#ALL}, the first item, has none. */
    private Map<String, DeviceChoice> deviceChoices = Map.of();
    /** The same devices by id, for the table and the details that name a flow's device. */
    private Map<Device.Id, DeviceChoice> deviceChoicesById = Map.of();
    final TextField search = new TextField();
    final Label count = new Label();
    final TextArea details = new TextArea();
    /** The selected flow's own timeline: drag or wheel zoom its time, Reset zoom, Save PNG, as every chart. */
    final ChartPane flowChartPane;
    final ChartViewer flowChart;
    private final SplitPane root;

    FlowsPane() {
        this(pane -> { });
    }

    /** A flows tab whose flow chart saves through {@code savePng}, as the other charts do. */
    FlowsPane(java.util.function.Consumer<ChartPane> savePng) {
        flowChartPane = new ChartPane("flowChartPane", "flow", savePng).zoomAlongTimeOnly();
        flowChart = flowChartPane.viewer;
        table.setId("flowsTable");
        loadNetworks();
        table.getStyleClass().add("dense"); // AtlantaFX's compact rows: more flows on a 800-pixel screen
        tiktokOnly.setId("tiktokOnly");
        state.setId("stateFilter");
        category.setId("categoryFilter");
        device.setId("deviceFilter");
        search.setId("searchField");
        count.setId("flowCount");
        details.setId("flowDetails");
        flowChart.setId("flowChart");

        state.getItems().addAll(null, AppState.FOREGROUND, AppState.BACKGROUND, AppState.MINIMIZED, AppState.CLOSED);
        state.setConverter(labels(s -> s == null ? "any state" : s == AppState.BACKGROUND ? "background (any)" : s.label()));
        state.getSelectionModel().selectFirst();
        category.getItems().add(null);
        category.getItems().addAll(Category.values());
        category.setConverter(labels(c -> c == null ? "any category" : c.label()));
        category.getSelectionModel().selectFirst();
        device.getItems().add(Device.ALL);
        device.getSelectionModel().selectFirst();
        DeviceChoiceCell.applyTo(device, key -> deviceChoices.get(key));
        device.setMaxWidth(300);
        // short enough to stay whole when a narrow window shrinks the field; the tooltip says the rest
        search.setPromptText("search (Ctrl+F)");
        search.setTooltip(new Tooltip("Search server names, services, addresses and ports (Ctrl+F)"));
        search.setPrefColumnCount(22);
        tiktokOnly.setSelected(true);

        tiktokOnly.selectedProperty().addListener((o, a, b) -> refilter());
        state.valueProperty().addListener((o, a, b) -> refilter());
        category.valueProperty().addListener((o, a, b) -> refilter());
        device.valueProperty().addListener((o, a, b) -> refilter());
        search.textProperty().addListener((o, a, b) -> refilter());
        refilter();

        addColumns();
        table.setItems(FlowRows.empty());
        table.setSortPolicy(t -> {
            // the table asks again when it is given the sorted rows: those are already in this order
            if (!settingItems && !sortKey().equals(shownSort)) {
                resort();
            }
            return true;
        });
        table.setPlaceholder(placeholder);
        table.getSelectionModel().selectedItemProperty().addListener((o, a, f) -> showDetails(f));

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        // on a narrow window the search field gives up width, never the filters' words or the count
        for (Region r : List.of(tiktokOnly, state, category, count)) {
            r.setMinWidth(Region.USE_PREF_SIZE);
        }
        device.setMinWidth(140);
        search.setMinWidth(140);
        HBox.setHgrow(search, Priority.SOMETIMES);
        HBox filters = new HBox(10, tiktokOnly, state, category, device, search, spacer, count);
        filters.setAlignment(Pos.CENTER_LEFT);
        filters.setPadding(new Insets(8, 12, 8, 12));
        BorderPane top = new BorderPane(table);
        top.setTop(filters);

        details.setEditable(false);
        details.setWrapText(true);
        details.setPromptText("Select a flow to see why it was named as it was.");
        details.setPrefColumnCount(40);
        Label evidenceTitle = new Label("Evidence");
        evidenceTitle.getStyleClass().add("section-title");
        VBox evidence = new VBox(6, evidenceTitle, details);
        VBox.setVgrow(details, Priority.ALWAYS);
        evidence.setPrefWidth(520);
        HBox.setHgrow(flowChartPane, Priority.ALWAYS);
        flowChart.setMinSize(200, 100);
        flowChartPane.setVisible(false);
        HBox bottom = new HBox(12, evidence, flowChartPane);
        bottom.setPadding(new Insets(8, 12, 8, 12));

        root = new SplitPane(top, bottom);
        root.setOrientation(Orientation.VERTICAL);
        root.setDividerPositions(0.66);
    }

    private static <T> StringConverter<T> labels(Function<T, String> f) {
        return new StringConverter<>() {
            @Override
            public String toString(T t) {
                return f.apply(t);
            }

            @Override
            public T fromString(String s) {
                throw new UnsupportedOperationException("not editable");
            }
        };
    }

    SplitPane node() {
        return root;
    }

    /** The filter the controls describe. */
    FlowFilter filter() {
        DeviceChoice d = device.getValue() == null ? null : deviceChoices.get(device.getValue());
        return new FlowFilter(tiktokOnly.isSelected(), state.getValue(), category.getValue(),
                d == null ? null : d.device().id(), search.getText(), networks);
    }

    /**
     * Shows the flows that {@code text} matches (free text or a {@code field:value} of
     * {@link FlowFilter}), of every state and category, TikTok's alone or all of them.
     */
    void showMatching(String text, boolean tiktok) {
        tiktokOnly.setSelected(tiktok);
        state.getSelectionModel().selectFirst();
        category.getSelectionModel().selectFirst();
        search.setText(text);
    }

    private void refilter() {
        List<FlowRecord> flows = source;
        FlowFilter f = filter();
        List<TableColumn<FlowRecord, ?>> order = List.copyOf(table.getSortOrder());
        long g = ++generation;
        if (flows.size() <= IN_PLACE_LIMIT) {
            FlowRows kept = FlowRows.filter(flows, f);
            shown(g, kept, kept.sorted(order));
            return;
        }
        busy("Filtering " + Figures.count(flows.size()) + " flows \u2026");
        WORKER.execute(() -> {
            FlowRows kept = FlowRows.filter(flows, f, () -> g != generation);
            FlowRows sorted = kept == null ? null : kept.sorted(order, () -> g != generation);
            if (sorted != null) {
                Platform.runLater(() -> shown(g, kept, sorted));
            }
        });
    }

    /** Sorts the flows the filters keep by the table's sort order. */
    private void resort() {
        FlowRows kept = filtered;
        List<TableColumn<FlowRecord, ?>> order = List.copyOf(table.getSortOrder());
        long g = ++generation;
        if (kept.size() <= IN_PLACE_LIMIT) {
            shown(g, kept, kept.sorted(order));
            return;
        }
        busy("Sorting " + Figures.count(kept.size()) + " flows \u2026");
        WORKER.execute(() -> {
            FlowRows sorted = kept.sorted(order, () -> g != generation);
            if (sorted != null) {
                Platform.runLater(() -> shown(g, kept, sorted));
            }
        });
    }

    private void shown(long g, FlowRows kept, FlowRows sorted) {
        if (g != generation || kept.source() != source) {
            return; // a newer filter, sort or result came first
        }
        filtered = kept;
        shownSort = sortKey();
        placeholder.setText(NO_MATCH);
        List<TableColumn<FlowRecord, ?>> order = List.copyOf(table.getSortOrder());
        settingItems = true;
        try {
            table.setItems(sorted);
            if (!table.getSortOrder().equals(order)) {
                table.getSortOrder().setAll(order); // new items clear the sort order; the rows already follow it
            }
        } finally {
            settingItems = false;
        }
        count.setText(countText(kept.size(), source.size(), kept.bytes()));
    }

    /** "20 of 75 flows · 2.79 MB": the rows the filters keep, of all, and the bytes of those kept. */
    static String countText(int kept, int all, long bytes) {
        return Figures.count(kept) + " of " + Figures.count(all) + " flows \u00b7 " + Figures.bytes(bytes);
    }

    /** Says what the table waits for, in the count and where the rows will be (they are cleared meanwhile). */
    private void busy(String what) {
        count.setText(what.toLowerCase(java.util.Locale.ROOT));
        placeholder.setText(what);
        List<TableColumn<FlowRecord, ?>> order = List.copyOf(table.getSortOrder());
        settingItems = true;
        try {
            table.setItems(FlowRows.empty());
            if (!table.getSortOrder().equals(order)) {
                table.getSortOrder().setAll(order);
            }
        } finally {
            settingItems = false;
        }
    }

    /** The table's sort order as columns and directions, to tell whether the rows shown follow it. */
    private List<Object> sortKey() {
        List<Object> key = new java.util.ArrayList<>();
        for (TableColumn<FlowRecord, ?> c : table.getSortOrder()) {
            key.add(c);
            key.add(c.getSortType());
        }
        return key;
    }

    /**
     * The flows of {@code r} the filters keep, in order of first appearance, when they hide some of
     * them; null when they hide none or the table does not show {@code r} (UI thread).
     */
    List<FlowRecord> keptOf(AnalysisResult r) {
        if (r == null || source != r.flows() || filtered.source() != source || filtered.size() == source.size()) {
            return null;
        }
        return filtered;
    }

    /** The flows the table shows, in its order (UI thread). */
    List<FlowRecord> shownFlows() {
        return table.getItems();
    }

    /**
     * Shows {@code r}'s flows; the device filter offers those of {@code devices} ({@link DeviceChoice#of},
     * worth computing off the UI thread for many flows) that have flows, in that order.
     */
    void show(AnalysisResult r, List<DeviceChoice> devices) {
        String keep = device.getValue();
        source = r == null ? List.of() : r.flows();
        deviceChoices = DeviceChoice.byKey(devices);
        deviceChoicesById = DeviceChoice.byId(devices);
        device.getItems().setAll(Device.ALL);
        devices.stream().filter(DeviceChoice::hasFlows).forEach(c -> device.getItems().add(c.key()));
        device.setValue(device.getItems().contains(keep) ? keep : Device.ALL);
        refilter();
        showDetails(null);
    }

    private void showDetails(FlowRecord f) {
        if (f == null) {
            details.setText("");
            flowChartPane.setVisible(false);
            return;
        }
        Attribution a = f.attribution();
        StringBuilder sb = new StringBuilder();
        sb.append("Flow ").append(f.id()).append(": ").append(f.key().transportName()).append(' ')
                .append(endpoint(f.key().client().toString(), f.key().clientPort())).append(" \u2192 ")
                .append(endpoint(f.key().server().toString(), f.key().serverPort())).append('\n');
        sb.append(Figures.dateTimeMillis(f.firstSeenNanos())).append(" to ").append(Figures.clockMillis(f.lastSeenNanos()))
                .append(" UTC \u00b7 ").append(Figures.bytes(f.bytesDown())).append(" down, ")
                .append(Figures.bytes(f.bytesUp())).append(" up in ").append(Figures.count(f.packets())).append(" packets\n");
        sb.append("Device: ").append(DeviceChoice.titleOf(Device.Id.of(f), deviceChoicesById)).append('\n');
        if (a.service() != null) {
            sb.append("Service: ").append(a.service());
            if (a.category() != null) {
                sb.append(" \u00b7 ").append(a.category().label());
            }
            if (a.state() != null) {
                sb.append(" \u00b7 ").append(a.state().label());
            }
            sb.append('\n');
        }
        ServerNetwork n = network(f);
        if (!n.operatorText().equals(ServerNetwork.NONE.operatorText()) || !n.country().isEmpty()) {
            sb.append("Server network: ").append(n.operatorText()).append(n.country().isEmpty() ? "" : ", " + n.country());
            ServerNetworks all = networks;
            RegionHint h = all == null || !a.isTikTok() ? null : all.regionHint(a.serverName());
            if (h != null) {
                sb.append(" \u00b7 the name says ").append(h.text());
            }
            sb.append('\n');
        }
        sb.append('\n').append(EvidenceText.of(f));
        details.setText(sb.toString());
        flowChart.setChart(Charts.flow(f));
        flowChartPane.setVisible(true);
    }

    private static String endpoint(String ip, int port) {
        return ip.indexOf(':') >= 0 ? "[" + ip + "]:" + port : ip + ":" + port;
    }

    private void addColumns() {
        List<TableColumn<FlowRecord, ?>> cols = table.getColumns();
        // what people look for first (when, who, what for, how much) on the left; every flows.csv column
        cols.add(number("flow_id", "#", 44, FlowRecord::id, false));
        TableColumn<FlowRecord, Long> first = number("first_seen", "first seen", 104, FlowRecord::firstSeenNanos, false);
        first.setCellFactory(c -> cell(Figures::clockMillis));
        cols.add(first);
        TableColumn<FlowRecord, Long> last = number("last_seen", "last seen", 100, FlowRecord::lastSeenNanos, false);
        last.setCellFactory(c -> cell(Figures::clockMillis));
        cols.add(last);
        TableColumn<FlowRecord, String> name = text("server_name", "server name", 236, FlowsPane::serverNameText);
        name.setCellFactory(c -> textCell((cell, item, f) -> {
            // a long name is cut in its column: the tooltip gives it whole
            cell.setTooltip(item == null || item.isEmpty() ? null : new Tooltip(item));
            cell.getStyleClass().remove("name-server-role");
            if (f != null && f.attribution().serverName() == null && !item.isEmpty()) {
                cell.getStyleClass().add("name-server-role");
            }
        }));
        cols.add(name);
        cols.add(text("service", "service", 84, f -> nonNull(f.attribution().service())));
        cols.add(text("category", "category", 92, f -> f.attribution().category() == null ? ""
                : f.attribution().category().label()));
        TableColumn<FlowRecord, String> st = text("state", "state", 92, f -> f.attribution().state() == null ? ""
                : f.attribution().state().label());
        st.setCellFactory(c -> textCell((cell, item, f) -> {
            cell.getStyleClass().removeAll("state-foreground", "state-background");
            if (item != null && !item.isEmpty()) {
                cell.getStyleClass().add("state-" + item);
            }
        }));
        cols.add(st);
        cols.add(number("bytes_down", "down", 72, FlowRecord::bytesDown, true));
        cols.add(number("bytes_up", "up", 68, FlowRecord::bytesUp, true));
        cols.add(text("name_source", "source", 86, f -> f.attribution().evidence() == null ? ""
                : f.attribution().evidence().source().label()));
        cols.add(text("transport", "proto", 62, f -> f.key().transportName()));
        // the device by the name it gave itself (its key in the tooltip); the key has a column of its own
        TableColumn<FlowRecord, String> deviceName = text("device_name", "device", 132, this::deviceNameText);
        deviceName.setCellFactory(c -> textCell((cell, item, f) -> cell.setTooltip(
                f == null ? null : new Tooltip(DeviceChoice.titleOf(Device.Id.of(f), deviceChoicesById)))));
        cols.add(deviceName);
        cols.add(text("client_ip", "client", 120, f -> f.key().client().toString()));
        cols.add(text("device", "device address", 136, f -> Device.Id.of(f).label()));
        cols.add(number("client_port", "client port", 104, f -> f.key().clientPort(), false));
        cols.add(text("server_ip", "server", 120, f -> f.key().server().toString()));
        cols.add(number("server_port", "server port", 104, f -> f.key().serverPort(), false));
        cols.add(number("packets_down", "packets down", 122, FlowRecord::packetsDown, false));
        cols.add(number("packets_up", "packets up", 104, FlowRecord::packetsUp, false));
        cols.add(text("server_asn", "AS", 70, f -> network(f).asnText()));
        cols.add(text("server_org", "operator", 160, f -> network(f).organisation()));
        cols.add(text("server_country", "country", 70, f -> network(f).country()));
        cols.add(text("server_region_hint", "region hint", 140, f -> {
            ServerNetworks n = networks;
            RegionHint h = n == null || !f.attribution().isTikTok() ? null : n.regionHint(f.attribution().serverName());
            return h == null ? "" : h.text();
        }));
        for (TableColumn<FlowRecord, ?> c : cols) {
            c.setUserData(c.getId());
        }
    }

    /** Null until the network table is read off the UI thread; the columns stay empty until then. */
    private volatile ServerNetworks networks;

    /** Reads the network table on a daemon thread (a few hundred ms on a cold JVM), then redraws the table. */
    private void loadNetworks() {
        Thread t = new Thread(() -> {
            ServerNetworks n = TikTokReport.networks();
            n.network(IpAddress.ofV4(0x0808_0808)); // the first look-up reads the table
            networks = n;
            Platform.runLater(() -> {
                table.refresh();
                if (search.getText().contains(":")) {
                    refilter(); // a country: or operator: filter set before the table was read
                }
            });
        }, "toktrace-networks");
        t.setDaemon(true);
        t.start();
    }

    /** The server's name, or what a flow to a name server is ("DNS lookups"), or empty. */
    static String serverNameText(FlowRecord f) {
        String n = f.attribution().serverName();
        if (n != null) {
            return n;
        }
        String role = EvidenceText.nameServerRole(f);
        return role == null ? "" : role;
    }

    /** The name the flow's device gave itself, or its key when it gave none. */
    private String deviceNameText(FlowRecord f) {
        Device.Id id = Device.Id.of(f);
        String key = id.label();
        DeviceChoice c = deviceChoicesById.get(id);
        if (c == null) {
            return key;
        }
        String suffix = " \u00b7 " + key; // a title is "name · key" when the device gave a name
        return c.title().endsWith(suffix) ? c.title().substring(0, c.title().length() - suffix.length()) : c.title();
    }

    private ServerNetwork network(FlowRecord f) {
        ServerNetworks n = networks;
        return n == null ? ServerNetwork.NONE : n.network(f.key().server());
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    private static TableColumn<FlowRecord, String> text(String csv, String title, double width, Function<FlowRecord, String> f) {
        TableColumn<FlowRecord, String> c = new TableColumn<>(title);
        c.setId(csv);
        c.setPrefWidth(width);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(f.apply(cd.getValue())));
        c.setComparator(Comparator.nullsFirst(Comparator.naturalOrder()));
        tooltip(c, csv);
        return c;
    }

    private static TableColumn<FlowRecord, Long> number(String csv, String title, double width, ToLongFunction<FlowRecord> f,
            boolean bytes) {
        TableColumn<FlowRecord, Long> c = new TableColumn<>(title);
        c.setId(csv);
        c.setPrefWidth(width);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(f.applyAsLong(cd.getValue())));
        c.setCellFactory(col -> cell(bytes ? Figures::bytes : csv.endsWith("port") || csv.equals("flow_id")
                ? String::valueOf : Figures::count));
        c.setStyle("-fx-alignment: CENTER-RIGHT;");
        tooltip(c, csv);
        return c;
    }

    private static void tooltip(TableColumn<FlowRecord, ?> c, String csv) {
        Label header = new Label(c.getText());
        header.setTooltip(new Tooltip("flows.csv column " + csv));
        c.setGraphic(header);
        c.setText(null);
    }

    /** What a text cell adds to its text, from the text and its row's flow (both null in an empty cell). */
    @FunctionalInterface
    private interface CellDressing {
        void dress(TableCell<FlowRecord, String> cell, String item, FlowRecord flow);
    }

    /** A cell that shows its text, then lets {@code dressing} set its tooltip and style. */
    private static TableCell<FlowRecord, String> textCell(CellDressing dressing) {
        return new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                dressing.dress(this, empty ? null : item, empty || getTableRow() == null ? null : getTableRow().getItem());
            }
        };
    }

    private static TableCell<FlowRecord, Long> cell(java.util.function.LongFunction<String> format) {
        return new TableCell<>() {
            @Override
            protected void updateItem(Long item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : format.apply(item));
            }
        };
    }
}
