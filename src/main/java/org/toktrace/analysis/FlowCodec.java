package org.toktrace.analysis;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.toktrace.model.AppState;
import org.toktrace.model.Attribution;
import org.toktrace.model.Category;
import org.toktrace.model.Evidence;
import org.toktrace.model.FlowBins;
import org.toktrace.model.FlowEnd;
import org.toktrace.model.FlowKey;
import org.toktrace.model.FlowNames;
import org.toktrace.model.FlowRecord;
import org.toktrace.model.IpAddress;
import org.toktrace.model.NameSource;

/**
 * A flow record as bytes and back, losslessly, for the flows a capture keeps on disk: variable-length
 * integers (most counters and bin indexes are small), strings as UTF-8 with their length, an absent
 * value as length 0. Only this process reads what it wrote, so the format carries no version.
 */
final class FlowCodec {
    private static final FlowEnd[] ENDS = FlowEnd.values();
    private static final NameSource[] SOURCES = NameSource.values();
    private static final Category[] CATEGORIES = Category.values();
    private static final AppState[] STATES = AppState.values();

    private byte[] buf = new byte[512];
    private int len;

    /** Encodes {@code f}; the bytes are {@link #bytes()}[0, {@link #length()}) until the next call. */
    void encode(FlowRecord f) {
        len = 0;
        varLong(f.id());
        FlowKey k = f.key();
        varLong(k.protocol());
        address(k.client());
        varLong(k.clientPort());
        address(k.server());
        varLong(k.serverPort());
        varLong(f.firstSeenNanos());
        varLong(f.lastSeenNanos() - f.firstSeenNanos());
        varLong(f.packetsUp());
        varLong(f.packetsDown());
        varLong(f.bytesUp());
        varLong(f.bytesDown());
        varLong(f.end().ordinal());
        varLong(f.clientMac() + 1); // -1 (no MAC) is the common small value
        FlowBins b = f.bins();
        varLong(b.binNanos());
        varLong(b.size());
        long previous = 0;
        for (int i = 0; i < b.size(); i++) {
            varLong(b.bin(i) - previous);
            previous = b.bin(i);
            varLong(b.bytesUp(i));
            varLong(b.bytesDown(i));
            varLong(b.packets(i));
        }
        FlowNames n = f.names();
        string(n.serverName());
        varLong(n.source() == null ? 0 : n.source().ordinal() + 1);
        varLong(n.timestampNanos());
        varLong(n.alpn().size());
        for (String a : n.alpn()) {
            string(a);
        }
        varLong(n.quicVersion() & 0xFFFF_FFFFL);
        varLong(n.encryptedClientHello() ? 1 : 0);
        Attribution a = f.attribution();
        Evidence e = a.evidence();
        varLong(e == null ? 0 : e.source().ordinal() + 1);
        if (e != null) {
            string(e.name());
            varLong(e.timestampNanos());
            string(e.detail());
        }
        string(a.service());
        varLong(a.category() == null ? 0 : a.category().ordinal() + 1);
        varLong(a.state() == null ? 0 : a.state().ordinal() + 1);
    }

    byte[] bytes() {
        return buf;
    }

    int length() {
        return len;
    }

    /** The flow encoded in {@code in} from its position on; the position ends after it. */
    static FlowRecord decode(ByteBuffer in) {
        long id = varLong(in);
        int protocol = (int) varLong(in);
        IpAddress client = address(in);
        int clientPort = (int) varLong(in);
        IpAddress server = address(in);
        int serverPort = (int) varLong(in);
        long first = varLong(in);
        long last = first + varLong(in);
        long packetsUp = varLong(in);
        long packetsDown = varLong(in);
        long bytesUp = varLong(in);
        long bytesDown = varLong(in);
        FlowEnd end = ENDS[(int) varLong(in)];
        long mac = varLong(in) - 1;
        long binNanos = varLong(in);
        int size = (int) varLong(in);
        long[] bins = new long[size];
        long[] up = new long[size];
        long[] down = new long[size];
        int[] packets = new int[size];
        long previous = 0;
        for (int i = 0; i < size; i++) {
            previous += varLong(in);
            bins[i] = previous;
            up[i] = varLong(in);
            down[i] = varLong(in);
            packets[i] = (int) varLong(in);
        }
        String serverName = string(in);
        int source = (int) varLong(in);
        long nameNanos = varLong(in);
        int alpnCount = (int) varLong(in);
        List<String> alpn = new ArrayList<>(alpnCount);
        for (int i = 0; i < alpnCount; i++) {
            alpn.add(string(in));
        }
        int quicVersion = (int) varLong(in);
        boolean ech = varLong(in) == 1;
        FlowNames names = new FlowNames(serverName, source == 0 ? null : SOURCES[source - 1], nameNanos, alpn, quicVersion, ech);
        int evidenceSource = (int) varLong(in);
        Evidence evidence = null;
        if (evidenceSource != 0) {
            String name = string(in);
            long at = varLong(in);
            evidence = new Evidence(SOURCES[evidenceSource - 1], name, at, string(in));
        }
        String service = string(in);
        int category = (int) varLong(in);
        int state = (int) varLong(in);
        Attribution attribution = new Attribution(evidence, service, category == 0 ? null : CATEGORIES[category - 1],
                state == 0 ? null : STATES[state - 1]);
        return new FlowRecord(id, new FlowKey(protocol, client, clientPort, server, serverPort), first, last, packetsUp,
                packetsDown, bytesUp, bytesDown, end, mac, new FlowBins(binNanos, bins, up, down, packets), names, attribution);
    }

    private void address(IpAddress a) {
        varLong(a.v6() ? 1 : 0);
        if (a.v6()) {
            fixedLong(a.hi());
        }
        fixedLong(a.lo());
    }

    private static IpAddress address(ByteBuffer in) {
        boolean v6 = varLong(in) == 1;
        long hi = v6 ? in.getLong() : 0;
        return new IpAddress(v6, hi, in.getLong());
    }

    private void string(String s) {
        if (s == null) {
            varLong(0);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        varLong(b.length + 1L);
        room(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
    }

    private static String string(ByteBuffer in) {
        int n = (int) varLong(in);
        if (n == 0) {
            return null;
        }
        byte[] b = new byte[n - 1];
        in.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private void fixedLong(long v) {
        room(8);
        for (int i = 7; i >= 0; i--) {
            buf[len++] = (byte) (v >>> (8 * i));
        }
    }

    /** Unsigned LEB128 of {@code v} taken as unsigned: every value written here is non-negative but a few. */
    private void varLong(long v) {
        room(10);
        while ((v & ~0x7FL) != 0) {
            buf[len++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[len++] = (byte) v;
    }

    private static long varLong(ByteBuffer in) {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = in.get();
            v |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return v;
            }
        }
        throw new IllegalStateException("a variable-length integer longer than 64 bits");
    }

    private void room(int more) {
        if (len + more > buf.length) {
            buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }
}
