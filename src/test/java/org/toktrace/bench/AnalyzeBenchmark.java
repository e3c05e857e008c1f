package org.toktrace.bench;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.toktrace.analysis.AnalysisOptions;
import org.toktrace.analysis.CaptureAnalyzer;
import org.toktrace.capture.CaptureFiles;
import org.toktrace.capture.FrameSource;
import org.toktrace.decode.DecodeStatus;
import org.toktrace.decode.PacketDecoder;
import org.toktrace.decode.PacketView;
import org.toktrace.model.AnalysisResult;
import org.toktrace.testkit.traffic.GenerateCapture;
import org.toktrace.testkit.traffic.HotspotTrafficGenerator;
import org.toktrace.testkit.traffic.Scenario;

/**
 * Measures {@code toktrace analyze} on synthetic hotspot captures: in-process packets per second
 * and peak heap, then whole processes (JVM start included) against ndpiReader and tshark on the
 * same file. Prints a markdown table and writes it to {@code target/bench/results.md}.
 *
 * <p>Run with {@code mvn -o -Pbench -DskipTests package}; see docs/performance.md. Properties:
 * {@code bench.file} (default target/bench/hotspot-1.5GB-seed1.pcap), {@code bench.size} (1.5GB),
 * {@code bench.smallSize} (150MB), {@code bench.seed} (1), {@code bench.runs} (3),
 * {@code bench.warmup} (20: untimed analyses of each file before the timed ones),
 * {@code bench.jar} (target/toktrace.jar), {@code bench.tools} (true: also time external tools).
 *
 * <p>The in-process analysis is timed once the JIT has settled: methods run per flow, per DNS
 * answer or per time bin reach HotSpot's top tier only in the third to tenth analysis of the
 * 1.5 GB file, and while the compiler works on them it takes a core beside the packet thread
 * (docs/performance.md). The first analysis in the JVM is reported as a row of its own.
 */
public final class AnalyzeBenchmark {

    private final Path dir;
    private final int runs;
    private final int warmup = Integer.getInteger("bench.warmup", 20);
    private final List<String> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    /** Whether this JVM wrote a capture before timing (its JIT is then no longer cold). */
    private boolean generated;
    private boolean firstDone;

    private AnalyzeBenchmark(Path dir, int runs) {
        this.dir = dir;
        this.runs = runs;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(System.getProperty("bench.dir", "target/bench"));
        Files.createDirectories(dir);
        long seed = Long.getLong("bench.seed", 1);
        long size = GenerateCapture.parseSizeText(System.getProperty("bench.size", "1.5GB"));
        long smallSize = GenerateCapture.parseSizeText(System.getProperty("bench.smallSize", "150MB"));
        Path big = Path.of(System.getProperty("bench.file", dir.resolve("hotspot-" + label(size) + "-seed" + seed + ".pcap").toString()));
        Path small = dir.resolve("hotspot-" + label(smallSize) + "-seed" + seed + ".pcap");
        int runs = Integer.getInteger("bench.runs", 3);
        Path jar = Path.of(System.getProperty("bench.jar", "target/toktrace.jar"));
        boolean tools = Boolean.parseBoolean(System.getProperty("bench.tools", "true"));

        AnalyzeBenchmark b = new AnalyzeBenchmark(dir, runs);
        b.ensure(small, seed, smallSize);
        b.ensure(big, seed, size);
        System.out.printf(Locale.ROOT, "JVM: %s %s, -Xmx %d MB, %d processors%n", System.getProperty("java.vm.name"),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() / 1_000_000,
                Runtime.getRuntime().availableProcessors());

        b.rows.add("| what | file | frames | median wall s | frames/s | peak heap MB | max RSS MB |");
        b.rows.add("|---|---|---:|---:|---:|---:|---:|");
        // the big file first, so the JIT is warm when the small ones are timed
        List<Path> files = new ArrayList<>(List.of(big, small));
        Path sample = Path.of(System.getProperty("bench.sample", "captures/hotspot-sample.pcap"));
        if (Files.isRegularFile(sample)) {
            files.add(sample);
        }
        for (Path f : files) {
            warmPageCache(f);
            b.inProcess(f);
            b.framesOnly(f);
            b.decodeOnly(f);
            b.rawWalk(f);
        }
        if (tools) {
            warmPageCache(big);
            b.processes(big, jar);
            warmPageCache(small);
            b.toktraceProcess(small, jar, "256m");
        }
        b.report();
    }

    private static String label(long bytes) {
        return bytes % 1_000_000_000L == 0 ? bytes / 1_000_000_000L + "GB"
                : bytes >= 1_000_000_000L ? String.format(Locale.ROOT, "%.1fGB", bytes / 1e9)
                : bytes / 1_000_000 + "MB";
    }

    private void ensure(Path file, long seed, long size) throws IOException {
        if (Files.isRegularFile(file) && Files.size(file) >= size) {
            return;
        }
        long t0 = System.nanoTime();
        generated = true;
        HotspotTrafficGenerator.Summary s = HotspotTrafficGenerator.write(Scenario.bulk(seed, size), file);
        System.out.printf(Locale.ROOT, "generated %s: %,d frames, %,d bytes in %.1f s%n", file, s.frames(), s.bytes(),
                (System.nanoTime() - t0) / 1e9);
    }

    private static void warmPageCache(Path file) throws IOException {
        ByteBuffer buf = ByteBuffer.allocateDirect(1 << 22);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            while (ch.read(buf) > 0) {
                buf.clear();
            }
        }
    }

    /** {@code CaptureAnalyzer.analyze}: {@code warmup} untimed runs, then {@code runs} timed runs. */
    private void inProcess(Path file) throws Exception {
        CaptureAnalyzer analyzer = new CaptureAnalyzer(AnalysisOptions.defaults());
        long frames = 0;
        double[] secs = new double[runs];
        long peak = 0;
        long allocated = 0;
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = -warmup; i < runs; i++) {
            System.gc();
            resetPeaks();
            HeapSampler sampler = new HeapSampler();
            long a0 = threads.getCurrentThreadAllocatedBytes();
            long t0 = System.nanoTime();
            AnalysisResult r = analyzer.analyze(file);
            double s = (System.nanoTime() - t0) / 1e9;
            long alloc = threads.getCurrentThreadAllocatedBytes() - a0;
            long p = Math.max(sampler.stop(), peakHeap());
            frames = r.counters().frames();
            if (i == -warmup) {
                firstRun(file, frames, s);
            }
            if (i >= 0) {
                secs[i] = s;
                peak = Math.max(peak, p);
                allocated = Math.max(allocated, alloc);
            }
            if (i > -warmup && i < -1) {
                continue; // the warm-up's middle runs: not printed
            }
            System.out.printf(Locale.ROOT, "  analyze %s run %d: %.3f s, %,d frames, %d flows, peak heap %.1f MB, allocated %.1f MB%n",
                    file.getFileName(), i, s, frames, r.flows().size(), p / 1e6, alloc / 1e6);
        }
        double med = median(secs);
        rows.add(String.format(Locale.ROOT, "| in-process `CaptureAnalyzer.analyze`, after %d untimed runs (-Xmx%dm; %.1f MB allocated per run) | %s | %,d | %.3f | %s | %.1f | |",
                warmup, Runtime.getRuntime().maxMemory() >> 20, allocated / 1e6, file.getFileName(), frames, med, rate(frames / med), peak / 1e6));
    }

    /** Reports the first analysis of the benchmark JVM (cold unless it generated the captures first). */
    private void firstRun(Path file, long frames, double secs) {
        if (firstDone) {
            return;
        }
        firstDone = true;
        rows.add(String.format(Locale.ROOT, "| in-process `CaptureAnalyzer.analyze`, the first analysis in this JVM%s | %s | %,d | %.3f | %s | | |",
                generated ? " (after generating captures: not cold)" : "", file.getFileName(), frames, secs, rate(frames / secs)));
    }

    /** Only {@code CaptureFiles.open(f).next()} until the end: what reading alone costs. */
    private void framesOnly(Path file) throws Exception {
        double[] secs = new double[runs];
        long frames = 0;
        for (int i = -1; i < runs; i++) {
            long t0 = System.nanoTime();
            long n = 0;
            long bytes = 0;
            try (FrameSource src = CaptureFiles.open(file)) {
                while (src.next()) {
                    n++;
                    bytes += src.capturedLength();
                }
            }
            double s = (System.nanoTime() - t0) / 1e9;
            frames = n;
            if (i >= 0) {
                secs[i] = s;
            }
            if (bytes < 0) {
                throw new AssertionError();
            }
        }
        double med = median(secs);
        rows.add(String.format(Locale.ROOT, "| in-process: only `FrameSource.next()` | %s | %,d | %.3f | %s | | |",
                file.getFileName(), frames, med, rate(frames / med)));
    }

    /** Reading and decoding every frame (link, IP, transport), without the flow table. */
    private void decodeOnly(Path file) throws Exception {
        double[] secs = new double[runs];
        long frames = 0;
        PacketDecoder decoder = new PacketDecoder();
        PacketView view = new PacketView();
        for (int i = -1; i < runs; i++) {
            long t0 = System.nanoTime();
            long n = 0;
            long ip = 0;
            try (FrameSource src = CaptureFiles.open(file)) {
                while (src.next()) {
                    n++;
                    if (decoder.decode(src.buffer(), src.frameOffset(), src.capturedLength(), src.originalLength(),
                            src.linkType(), view) == DecodeStatus.IP) {
                        ip += view.ipLength();
                    }
                }
            }
            double s = (System.nanoTime() - t0) / 1e9;
            frames = n;
            if (i >= 0) {
                secs[i] = s;
            }
            if (ip < 0) {
                throw new AssertionError();
            }
        }
        double med = median(secs);
        rows.add(String.format(Locale.ROOT, "| in-process: `FrameSource.next()` + `PacketDecoder.decode` | %s | %,d | %.3f | %s | | |",
                file.getFileName(), frames, med, rate(frames / med)));
    }

    /** Polls the heap in use every millisecond on a daemon thread: G1 updates pool peaks only at GCs. */
    private static final class HeapSampler implements Runnable {
        private final Thread thread;
        private volatile boolean running = true;
        private volatile long max;

        HeapSampler() {
            thread = new Thread(this, "heap-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void run() {
            java.lang.management.MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
            while (running) {
                max = Math.max(max, mem.getHeapMemoryUsage().getUsed());
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        long stop() throws InterruptedException {
            max = Math.max(max, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
            running = false;
            thread.join();
            return max;
        }
    }

    /** The floor: walking pcap record headers over a memory map, touching nothing else. */
    private void rawWalk(Path file) throws IOException {
        double[] secs = new double[runs];
        long frames = 0;
        for (int i = -1; i < runs; i++) {
            long t0 = System.nanoTime();
            long n = 0;
            long sum = 0;
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                long size = ch.size();
                long base = 24;
                while (base < size) {
                    long len = Math.min(size - base, 1L << 30);
                    MappedByteBuffer m = ch.map(FileChannel.MapMode.READ_ONLY, base, len);
                    m.order(ByteOrder.LITTLE_ENDIAN);
                    int p = 0;
                    while (p + 16 <= len) {
                        int incl = m.getInt(p + 8);
                        if (p + 16 + incl > len) {
                            break;
                        }
                        sum += m.get(p + 16 + 12); // one byte of the frame: the EtherType's high byte
                        p += 16 + incl;
                        n++;
                    }
                    if (p == 0) {
                        break;
                    }
                    base += p;
                }
            }
            double s = (System.nanoTime() - t0) / 1e9;
            frames = n;
            if (i >= 0) {
                secs[i] = s;
            }
            if (sum == Long.MIN_VALUE) {
                throw new AssertionError();
            }
        }
        double med = median(secs);
        rows.add(String.format(Locale.ROOT, "| in-process: raw mmap walk of pcap records (floor) | %s | %,d | %.3f | %s | | |",
                file.getFileName(), frames, med, rate(frames / med)));
    }

    private void processes(Path file, Path jar) throws Exception {
        double toktrace = toktraceProcess(file, jar, "256m");
        double ndpi = process("`ndpiReader -i F -q`", file, List.of("ndpiReader", "-i", file.toString(), "-q"));
        double tshark = process("`tshark -r F -q -z conv,ip`", file, List.of("tshark", "-r", file.toString(), "-q", "-z", "conv,ip"));
        notes.add(String.format(Locale.ROOT, "toktrace / ndpiReader wall time: **%.2f** (target <= 0.9)", toktrace / ndpi));
        notes.add(String.format(Locale.ROOT, "toktrace / tshark wall time: **%.3f** (target <= 0.1)", toktrace / tshark));
        // the same with the learned name memory on (H2 loads on a second thread while packets are read)
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path db = file.resolveSibling("bench-name-memory");
        double withMemory = process("`java -Xmx256m -jar toktrace.jar analyze F --quiet --db DB` (name memory on)", file,
                List.of(java, "-Xmx256m", "-jar", jar.toString(), "analyze", file.toString(), "--quiet", "--db", db.toString()));
        notes.add(String.format(Locale.ROOT, "with the name memory (--db): toktrace / ndpiReader **%.2f**, toktrace / tshark **%.3f**",
                withMemory / ndpi, withMemory / tshark));
    }

    private double toktraceProcess(Path file, Path jar, String xmx) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return process("`java -Xmx" + xmx + " -jar toktrace.jar analyze F --quiet`", file,
                List.of(java, "-Xmx" + xmx, "-jar", jar.toString(), "analyze", file.toString(), "--quiet"));
    }

    /** Runs {@code command} once to warm up, then {@code runs} times; the median wall time. */
    private double process(String label, Path file, List<String> command) throws Exception {
        boolean haveTime = Files.isExecutable(Path.of("/usr/bin/time"));
        double[] secs = new double[runs];
        long rss = 0;
        for (int i = -1; i < runs; i++) {
            List<String> cmd = new ArrayList<>();
            if (haveTime) {
                cmd.addAll(List.of("/usr/bin/time", "-v"));
            }
            cmd.addAll(command);
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            long t0 = System.nanoTime();
            Process p = pb.start();
            String err;
            try (InputStream in = p.getErrorStream()) {
                err = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            int exit = p.waitFor();
            double s = (System.nanoTime() - t0) / 1e9;
            if (exit != 0) {
                throw new IllegalStateException(label + " exited " + exit + ": " + err);
            }
            long r = maxRss(err);
            System.out.printf(Locale.ROOT, "  %s run %d: %.3f s, max RSS %.0f MB%n", label, i, s, r / 1e3);
            if (i >= 0) {
                secs[i] = s;
                rss = Math.max(rss, r);
            }
        }
        double med = median(secs);
        long frames = countFrames(file);
        rows.add(String.format(Locale.ROOT, "| process: %s | %s | %,d | %.3f | %s | | %s |", label, file.getFileName(), frames, med,
                rate(frames / med), haveTime ? String.format(Locale.ROOT, "%.0f", rss / 1e3) : "n/a"));
        return med;
    }

    private static long maxRss(String timeOutput) {
        for (String line : timeOutput.split("\n")) {
            String t = line.trim();
            if (t.startsWith("Maximum resident set size (kbytes):")) {
                return Long.parseLong(t.substring(t.indexOf(':') + 1).trim());
            }
        }
        return 0;
    }

    private final java.util.Map<Path, Long> frameCounts = new java.util.HashMap<>();

    private long countFrames(Path file) throws IOException {
        Long n = frameCounts.get(file);
        if (n == null) {
            long c = 0;
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                ByteBuffer hdr = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
                long pos = 24;
                long size = ch.size();
                while (pos + 16 <= size) {
                    hdr.clear();
                    ch.read(hdr, pos);
                    pos += 16 + hdr.getInt(8);
                    c++;
                }
            }
            n = c;
            frameCounts.put(file, n);
        }
        return n;
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** Sum over the heap pools of each one's peak: an upper bound of the heap in use at any moment. */
    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%.2f M", perSecond / 1e6);
    }

    private void report() throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# toktrace analyze benchmark\n\n");
        md.append(String.format(Locale.ROOT, "JVM %s %s, in-process max heap %d MB, %d processors, %d runs each (median), page cache warm.%n%n",
                System.getProperty("java.vm.name"), System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors(), runs));
        for (String r : rows) {
            md.append(r).append('\n');
        }
        md.append('\n');
        for (String n : notes) {
            md.append("- ").append(n).append('\n');
        }
        Path out = dir.resolve("results.md");
        Files.writeString(out, md.toString());
        System.out.println();
        System.out.print(md);
        System.out.println("written to " + out);
    }
}
