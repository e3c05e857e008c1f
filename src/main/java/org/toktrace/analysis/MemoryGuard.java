package org.toktrace.analysis;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Tells an analysis that the heap is nearly full of live data, so that it stops reading while
 * there is still room to report what it has. Near the limit a JVM spends most of its time in
 * collections that free next to nothing, for minutes, before it throws: stopping at the first sign
 * keeps the run short and its flows. The sign is a major (full) collection that leaves more than
 * {@link #STOP_SHARE} of the maximum heap in use: only a full collection measures what is live
 * (after a young one the old generation still holds garbage), and a collector runs one when it
 * cannot otherwise make room. A later collection that leaves less clears the sign.
 */
final class MemoryGuard {
    /** The share of the maximum heap still in use after a full collection at which an analysis stops. */
    static final double STOP_SHARE = 0.75;

    private static volatile boolean low;
    private static boolean installed;

    private MemoryGuard() {
    }

    /** Starts watching the collections of this JVM; once per JVM, later calls do nothing. */
    static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        long max = Runtime.getRuntime().maxMemory();
        if (max == Long.MAX_VALUE) {
            return; // no limit to be near
        }
        Set<String> heap = new HashSet<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heap.add(pool.getName());
            }
        }
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (!(gc instanceof NotificationEmitter emitter)) {
                continue;
            }
            emitter.addNotificationListener((n, handback) -> {
                if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                    return;
                }
                GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                long used = 0;
                for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                    if (heap.contains(e.getKey())) {
                        used += e.getValue().getUsed();
                    }
                }
                boolean over = used > STOP_SHARE * max;
                if (info.getGcAction().contains("major")) {
                    low = over;
                } else if (!over) {
                    low = false;
                }
            }, null, null);
        }
    }

    /** Whether the last full collection left the heap nearly full (and no collection since freed it). */
    static boolean low() {
        return low;
    }
}
