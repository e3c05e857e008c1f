package org.toktrace.flow;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.toktrace.decode.DecodeStatus;
import org.toktrace.decode.LinkTypes;
import org.toktrace.decode.PacketDecoder;
import org.toktrace.decode.PacketView;
import org.toktrace.testkit.Frames;

/**
 * Pushes synthetic packets (20 M by default) over about 5,000 flows through
 * {@link PacketDecoder} and {@link FlowTable} and prints packets per second and bytes allocated
 * per packet. A measurement, not a test: nothing is asserted.
 *
 * <pre>
 * mvn -q -o test-compile
 * java -Xmx256m -cp target/classes:target/test-classes org.toktrace.flow.DecodeFlowThroughput [packets] [flows] [frames per flow]
 * </pre>
 */
public final class DecodeFlowThroughput {

    /** {@code -Dtoktrace.decodeOnly=true} leaves the flow table out, to see what each half costs. */
    private static final boolean DECODE_ONLY = Boolean.getBoolean("toktrace.decodeOnly");

    private DecodeFlowThroughput() {
    }

    public static void main(String[] args) {
        long total = args.length > 0 ? Long.parseLong(args[0]) : 20_000_000L;
        int flows = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        int framesPerFlow = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        Random random = new Random(1);

        // the frames lie back to back in one buffer, as in a memory-mapped capture file
        List<byte[]> frames = new ArrayList<>();
        List<Integer> wireLengths = new ArrayList<>();
        for (int f = 0; f < flows; f++) {
            String phone = "192.168.43." + (2 + f % 8);
            String server = "10." + (f >>> 16) + "." + ((f >>> 8) & 255) + "." + (f & 255);
            int port = 1024 + f % 60000;
            int kind = f % 10;
            for (int k = 0; k < framesPerFlow; k++) {
                boolean up = k % 3 == 0;
                int payload = up ? 60 + random.nextInt(200) : 1200 + random.nextInt(200);
                byte[] ip;
                if (kind < 6) {
                    ip = up ? Frames.ipv4(phone, server).payload(Frames.tcp(port, 443).payload(payload)).build()
                            : Frames.ipv4(server, phone).payload(Frames.tcp(443, port).payload(payload)).build();
                } else if (kind < 9) {
                    String p6 = "2001:db8:43::" + Integer.toHexString(2 + f % 8);
                    String s6 = "2a04:4e42:" + Integer.toHexString(f >>> 16) + "::" + Integer.toHexString(f & 0xFFFF);
                    ip = up ? Frames.ipv6(p6, s6).payload(Frames.udp(port, 443).payload(payload)).build()
                            : Frames.ipv6(s6, p6).payload(Frames.udp(443, port).payload(payload)).build();
                } else {
                    ip = up ? Frames.ipv4(phone, server).payload(Frames.udp(port, 53).payload(40)).build()
                            : Frames.ipv4(server, phone).payload(Frames.udp(53, port).payload(payload)).build();
                }
                Frames.Ethernet ethernet = Frames.ethernet();
                if (f % 3 == 0) {
                    ethernet.vlan(10);
                }
                byte[] frame = ethernet.build(ip);
                wireLengths.add(frame.length);
                frames.add(Frames.truncate(frame, 96)); // a snap length, like a header-only capture
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            order.add(i);
        }
        java.util.Collections.shuffle(order, random);
        int n = frames.size();
        int[] offsets = new int[n];
        int[] lengths = new int[n];
        int size = 0;
        for (int i = 0; i < n; i++) {
            offsets[i] = size;
            lengths[i] = frames.get(order.get(i)).length;
            size += lengths[i];
        }
        int[] wire = new int[n];
        ByteBuffer buf = ByteBuffer.allocateDirect(size);
        for (int i = 0; i < n; i++) {
            buf.put(offsets[i], frames.get(order.get(i)), 0, lengths[i]);
            wire[i] = wireLengths.get(order.get(i));
        }
        frames = null;
        wireLengths = null;
        order = null;

        long[] finished = new long[1];
        FlowTable table = new FlowTable(FlowTableConfig.defaults(), flow -> finished[0]++);
        PacketDecoder decoder = new PacketDecoder();
        PacketView view = new PacketView();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

        for (int round = 0; round < 3; round++) {
            long warm = run(decoder, view, table, buf, offsets, lengths, wire, 2_000_000, round * 10_000_000_000L);
            if (warm < 0) {
                System.out.println("unexpected");
            }
        }
        long allocBefore = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        long start = System.nanoTime();
        long ip = run(decoder, view, table, buf, offsets, lengths, wire, total, 100_000_000_000L);
        long elapsed = System.nanoTime() - start;
        long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - allocBefore;
        int open = table.activeFlows();
        System.gc();
        long heap = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        table.finishAll();
        System.out.printf("%,d packets (%,d IP) over %,d distinct frames, %,d flows: %.2f s, %,.0f packets/s, "
                + "%.3f bytes allocated per packet, %,d flows reported; %,d flows open used %,d MB of heap%n", total,
                ip, n, flows, elapsed / 1e9, total / (elapsed / 1e9), (double) allocated / total, finished[0], open,
                heap / 1_000_000);
    }

    private static long run(PacketDecoder decoder, PacketView view, FlowTable table, ByteBuffer buf, int[] offsets,
            int[] lengths, int[] wire, long packets, long t0) {
        long ip = 0;
        int n = offsets.length;
        long ts = t0;
        for (long k = 0, i = 0; k < packets; k++) {
            int j = (int) i;
            if (decoder.decode(buf, offsets[j], lengths[j], wire[j], LinkTypes.ETHERNET, view) == DecodeStatus.IP) {
                if (!DECODE_ONLY) {
                    table.onPacket(view, ts);
                }
                ip++;
            }
            ts += 1000; // 1 M packets per second of capture time
            if (++i == n) {
                i = 0;
            }
        }
        return ip;
    }
}
