package org.toktrace.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toktrace.export.FlowsCsvWriter;
import org.toktrace.export.TimelineCsvWriter;
import org.toktrace.model.AnalysisResult;

/**
 * Mutation fuzzing of the whole analysis over the bundled sample capture: bit flips, bytes set to
 * values that hurt, length fields rewritten (pcap record, IPv4, UDP, TCP, and the payload's first
 * bytes where TLS, QUIC and DNS keep theirs), bytes inserted and deleted, the file cut short. Every
 * input is either refused with the one documented {@link UnreadableCaptureException} or analysed,
 * and then its flows.csv and timeline.csv parse as RFC 4180 with every cell formula-safe.
 *
 * <p>Most inputs are a slice of the sample (its file header and a run of its records), so the
 * mutations land densely on handshakes; one in eight is the whole sample. A few seconds by default;
 * {@code -Dfuzz.iterations=10000} runs longer and {@code -Dfuzz.seed=N} another sequence. Each input
 * is made from its own seed alone, which a failure names.
 */
class AnalysisFuzzTest {

    private static final int PCAP_HEADER = 24;
    private static final int RECORD_HEADER = 16;
    private static final int ETHERNET = 14;
    private static final int IPV4 = 20;

    @TempDir
    Path dir;

    @Test
    void mutatedSamplesAreAnalysedOrRefusedAndTheirCsvIsWellFormed() throws Exception {
        byte[] sample = Files.readAllBytes(SampleCaptureTest.SAMPLE);
        int[] records = recordOffsets(sample);
        assertTrue(records.length > 1000, "the sample is a pcap of many records");
        long seed = Long.getLong("fuzz.seed", 16);
        int iterations = Integer.getInteger("fuzz.iterations", 48);
        CaptureAnalyzer analyzer = new CaptureAnalyzer(AnalysisOptions.defaults());
        int analysed = 0;
        for (int i = 0; i < iterations; i++) {
            long inputSeed = seed * 1_000_003L + i;
            String where = "input seed " + inputSeed + " (-Dfuzz.seed=" + seed + ", iteration " + i + ")";
            byte[] input = input(sample, records, new SplittableRandom(inputSeed));
            Path file = Files.write(dir.resolve("fuzz.pcap"), input);
            AnalysisResult result;
            try {
                result = analyzer.analyze(file);
            } catch (UnreadableCaptureException e) {
                assertFalse(e.getMessage().contains("\n"), where + ": one line: " + e.getMessage());
                continue;
            } catch (Throwable t) {
                throw new AssertionError(where + ": " + t, t);
            }
            assertCsvWellFormed(result, where);
            analysed++;
        }
        // mutations that left nothing readable would fuzz the file check only, not the analysis
        assertTrue(analysed >= iterations / 2, analysed + " of " + iterations + " inputs analysed");
    }

    /** One fuzz input: a slice (or all) of the sample, then one to eight mutations. */
    static byte[] input(byte[] sample, int[] records, SplittableRandom rng) {
        byte[] bytes;
        List<Integer> starts = new ArrayList<>();
        if (rng.nextInt(8) == 0) {
            bytes = sample.clone();
            for (int r : records) {
                starts.add(r);
            }
        } else {
            int first = rng.nextInt(records.length);
            int last = Math.min(records.length, first + 20 + rng.nextInt(600));
            int from = records[first];
            int to = last < records.length ? records[last] : sample.length;
            bytes = new byte[PCAP_HEADER + to - from];
            System.arraycopy(sample, 0, bytes, 0, PCAP_HEADER);
            System.arraycopy(sample, from, bytes, PCAP_HEADER, to - from);
            for (int r = first; r < last; r++) {
                starts.add(PCAP_HEADER + records[r] - from);
            }
        }
        int mutations = 1 + rng.nextInt(8);
        for (int m = 0; m < mutations && bytes.length > 0; m++) {
            int record = starts.get(rng.nextInt(starts.size()));
            bytes = mutate(bytes, record, rng);
        }
        return bytes;
    }

    private static byte[] mutate(byte[] b, int record, SplittableRandom rng) {
        // most mutations near a record's start: headers, then the handshake bytes behind them
        int at = rng.nextInt(4) == 0 ? rng.nextInt(b.length)
                : Math.min(b.length - 1, record + rng.nextInt(RECORD_HEADER + ETHERNET + IPV4 + 20 + 96));
        switch (rng.nextInt(7)) {
            case 0 -> b[at] ^= (byte) (1 << rng.nextInt(8));
            case 1 -> b[at] = (byte) new int[] {0, 1, 0x7F, 0x80, 0xFF, rng.nextInt(256)}[rng.nextInt(6)];
            case 2 -> lengthField(b, record, rng);
            case 3 -> lengthField(b, record, rng);
            case 4 -> {
                byte[] inserted = new byte[1 + rng.nextInt(16)];
                rng.nextBytes(inserted);
                byte[] c = new byte[b.length + inserted.length];
                System.arraycopy(b, 0, c, 0, at);
                System.arraycopy(inserted, 0, c, at, inserted.length);
                System.arraycopy(b, at, c, at + inserted.length, b.length - at);
                return c;
            }
            case 5 -> {
                int n = Math.min(b.length - at, 1 + rng.nextInt(16));
                byte[] c = new byte[b.length - n];
                System.arraycopy(b, 0, c, 0, at);
                System.arraycopy(b, at + n, c, at, b.length - at - n);
                return c;
            }
            default -> {
                if (rng.nextInt(4) == 0) {
                    return Arrays.copyOf(b, at); // cut short, now and then: it ends the other mutations' reach
                }
                b[at] ^= (byte) (1 << rng.nextInt(8));
            }
        }
        return b;
    }

    /**
     * Rewrites a length-like field of the record at {@code record}: the pcap record's captured or
     * original length (32-bit little-endian, as the sample is written), the IPv4 header length or
     * total length, the UDP length, the TCP data offset, or any 16- or 24-bit word among the
     * payload's first bytes (TLS record and handshake lengths, QUIC varints, DNS counts).
     */
    private static void lengthField(byte[] b, int record, SplittableRandom rng) {
        int ip = record + RECORD_HEADER + ETHERNET;
        int l4 = ip + IPV4;
        int field;
        int width;
        switch (rng.nextInt(7)) {
            case 0 -> { field = record + 8; width = 4; }
            case 1 -> { field = record + 12; width = 4; }
            case 2 -> { field = ip; width = 1; }
            case 3 -> { field = ip + 2; width = 2; }
            case 4 -> { field = l4 + 4; width = 2; }
            case 5 -> { field = l4 + 12; width = 1; }
            default -> { field = l4 + 8 + rng.nextInt(96); width = 2 + rng.nextInt(2); }
        }
        if (field < 0 || field + width > b.length) {
            return;
        }
        long value = switch (rng.nextInt(6)) {
            case 0 -> 0;
            case 1 -> 1 + rng.nextInt(64);
            case 2 -> (1L << (8 * width)) - 1;
            case 3 -> (1L << (8 * width - 1));
            case 4 -> read(b, field, width) + (rng.nextBoolean() ? 1 : -1);
            default -> rng.nextLong();
        };
        for (int k = 0; k < width; k++) {
            int shift = width == 4 ? 8 * k : 8 * (width - 1 - k); // pcap headers little-endian, packets big-endian
            b[field + k] = (byte) (value >>> shift);
        }
    }

    private static long read(byte[] b, int field, int width) {
        long v = 0;
        for (int k = 0; k < width; k++) {
            int shift = width == 4 ? 8 * k : 8 * (width - 1 - k);
            v |= (long) (b[field + k] & 0xFF) << shift;
        }
        return v;
    }

    /** Where each record header of a little-endian pcap starts. */
    static int[] recordOffsets(byte[] pcap) {
        ByteBuffer b = ByteBuffer.wrap(pcap).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0xA1B2C3D4, b.getInt(0), "a little-endian, microsecond pcap");
        List<Integer> offsets = new ArrayList<>();
        int p = PCAP_HEADER;
        while (p + RECORD_HEADER <= pcap.length) {
            offsets.add(p);
            p += RECORD_HEADER + b.getInt(p + 8);
        }
        return offsets.stream().mapToInt(Integer::intValue).toArray();
    }

    private static void assertCsvWellFormed(AnalysisResult result, String where) throws IOException {
        StringBuilder flows = new StringBuilder();
        new FlowsCsvWriter(TikTokReport.networks()).write(result.flows(), flows);
        assertEquals(result.flows().size(), checkCsv(flows.toString(), FlowsCsvWriter.COLUMNS, where), where);
        StringBuilder timeline = new StringBuilder();
        new TimelineCsvWriter().write(result, timeline);
        checkCsv(timeline.toString(), TimelineCsvWriter.COLUMNS, where);
    }

    /** Parses {@code csv} strictly as RFC 4180 with the header {@code columns}; returns the rows. */
    private static int checkCsv(String csv, List<String> columns, String where) throws IOException {
        assertTrue(csv.endsWith("\r\n"), where + ": every record ends with CRLF");
        int rows = 0;
        try (CSVParser p = CSVParser.parse(csv, CSVFormat.RFC4180.builder().setHeader().build())) {
            assertEquals(columns, p.getHeaderNames(), where);
            for (CSVRecord r : p) {
                assertTrue(r.isConsistent(), where + ": row " + r.getRecordNumber() + " has " + r.size() + " cells");
                for (String cell : r) {
                    assertFalse(!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0,
                            where + ": a cell that a spreadsheet would run: " + cell);
                }
                rows++;
            }
        }
        return rows;
    }
}
