package org.toktrace.analysis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.toktrace.model.FlowRecord;

/**
 * Packets and IP bytes per 5-tuple and direction, in the form {@code src/test/scripts/tshark-flow-totals.py}
 * writes from tshark: {@code transport addr_a port_a addr_b port_b pkts_ab bytes_ab pkts_ba bytes_ba},
 * with (addr_a, port_a) the smaller endpoint as the text "addr port".
 */
final class ConversationTotals {
    private ConversationTotals() {
    }

    /** Our flows summed per 5-tuple; one line per conversation, sorted. */
    static Map<String, String> of(List<FlowRecord> flows) {
        Map<String, long[]> sums = new TreeMap<>();
        for (FlowRecord f : flows) {
            String client = f.key().client() + " " + f.key().clientPort();
            String server = f.key().server() + " " + f.key().serverPort();
            boolean clientIsA = client.compareTo(server) <= 0;
            String a = clientIsA ? client : server;
            String b = clientIsA ? server : client;
            String key = f.key().transportName() + "\t" + a.replace(' ', '\t') + "\t" + b.replace(' ', '\t');
            long[] s = sums.computeIfAbsent(key, k -> new long[4]);
            s[clientIsA ? 0 : 2] += f.packetsUp();
            s[clientIsA ? 1 : 3] += f.bytesUp();
            s[clientIsA ? 2 : 0] += f.packetsDown();
            s[clientIsA ? 3 : 1] += f.bytesDown();
        }
        Map<String, String> lines = new TreeMap<>();
        sums.forEach((k, s) -> lines.put(k, s[0] + "\t" + s[1] + "\t" + s[2] + "\t" + s[3]));
        return lines;
    }

    /** The expectation file written from tshark. */
    static Map<String, String> read(Path tsv) throws IOException {
        Map<String, String> lines = new TreeMap<>();
        for (String line : Files.readAllLines(tsv)) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t");
            lines.put(String.join("\t", f[0], f[1], f[2], f[3], f[4]), String.join("\t", f[5], f[6], f[7], f[8]));
        }
        return lines;
    }

    /** A readable listing for assertion messages: one conversation a line. */
    static String listing(Map<String, String> totals) {
        StringBuilder sb = new StringBuilder();
        totals.forEach((k, v) -> sb.append(k).append('\t').append(v).append('\n'));
        return sb.toString();
    }
}
