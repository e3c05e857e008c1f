package org.toktrace.ui;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import javafx.collections.ObservableListBase;
import javafx.scene.control.TableColumn;
import org.toktrace.model.FlowRecord;

/**
 * The flows table's rows: positions in the result's flows, filtered and sorted, without holding a
 * copy of any flow. A big capture's flows are read from disk (decision record 0028) as rows are
 * drawn, so the table scrolls through millions as through a hundred. Never changes once made: a new
 * filter or sort makes new rows, which the table is given whole.
 */
final class FlowRows extends ObservableListBase<FlowRecord> {
    private final List<FlowRecord> source;
    private final int[] rows;
    /** The IP bytes of these rows, both directions, summed in the filter's pass. */
    private final long bytes;

    private FlowRows(List<FlowRecord> source, int[] rows, long bytes) {
        this.source = source;
        this.rows = rows;
        this.bytes = bytes;
    }

    static FlowRows empty() {
        return new FlowRows(List.of(), new int[0], 0);
    }

    /** The flows of {@code source} that {@code filter} keeps, in its order; one pass over it. */
    static FlowRows filter(List<FlowRecord> source, Predicate<FlowRecord> filter) {
        return filter(source, filter, () -> false);
    }

    /** As {@link #filter(List, Predicate)}, or null as soon as {@code stale} says the answer is no longer wanted. */
    static FlowRows filter(List<FlowRecord> source, Predicate<FlowRecord> filter, BooleanSupplier stale) {
        int[] rows = new int[Math.min(source.size(), 1024)];
        int n = 0;
        long bytes = 0;
        int size = source.size();
        for (int i = 0; i < size; i++) {
            if ((i & 0xFFFF) == 0 && stale.getAsBoolean()) {
                return null;
            }
            FlowRecord f = source.get(i);
            if (filter.test(f)) {
                bytes += f.bytes();
                if (n == rows.length) {
                    rows = Arrays.copyOf(rows, Math.max(16, Math.min(size, n + (n >> 1) + 1)));
                }
                rows[n++] = i;
            }
        }
        return new FlowRows(source, n == rows.length ? rows : Arrays.copyOf(rows, n), bytes);
    }

    /**
     * These rows sorted by {@code order} (the table's sort order, first column first), each column
     * read once per row and compared with the column's own comparator; stable, so equal rows keep
     * their order of first appearance.
     */
    FlowRows sorted(List<TableColumn<FlowRecord, ?>> order) {
        return sorted(order, () -> false);
    }

    /** As {@link #sorted(List)}, or null once {@code stale} says the answer is no longer wanted. */
    FlowRows sorted(List<TableColumn<FlowRecord, ?>> order, BooleanSupplier stale) {
        if (order.isEmpty() || rows.length < 2) {
            return this;
        }
        List<Object[]> keys = new ArrayList<>(order.size());
        for (TableColumn<FlowRecord, ?> c : order) {
            Object[] k = new Object[rows.length];
            for (int i = 0; i < rows.length; i++) {
                if ((i & 0xFFFF) == 0 && stale.getAsBoolean()) {
                    return null;
                }
                k[i] = c.getCellData(source.get(rows[i]));
            }
            keys.add(k);
        }
        Comparator<Integer> byKeys = null;
        for (int col = 0; col < order.size(); col++) {
            Object[] k = keys.get(col);
            @SuppressWarnings("unchecked")
            Comparator<Object> cmp = (Comparator<Object>) order.get(col).getComparator();
            Comparator<Integer> one = (a, b) -> cmp.compare(k[a], k[b]);
            if (order.get(col).getSortType() == TableColumn.SortType.DESCENDING) {
                one = one.reversed();
            }
            byKeys = byKeys == null ? one : byKeys.thenComparing(one);
        }
        Integer[] positions = new Integer[rows.length];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = i;
        }
        Arrays.sort(positions, byKeys);
        int[] sorted = new int[rows.length];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = rows[positions[i]];
        }
        return new FlowRows(source, sorted, bytes);
    }

    /** The bytes of the flows these rows show, up and down. */
    long bytes() {
        return bytes;
    }

    /** The flows these rows come from. */
    List<FlowRecord> source() {
        return source;
    }

    @Override
    public FlowRecord get(int index) {
        return source.get(rows[index]);
    }

    @Override
    public int size() {
        return rows.length;
    }
}
