#!/usr/bin/env bash
# Compares `toktrace analyze` of this checkout with an older revision (issue 3: the throughput with
# attribution against the engine without it), on the benchmark captures:
#   1. whole processes (`java -jar ... analyze F --quiet`): wall and CPU, the builds interleaved run
#      by run (interleave.py), on the 150 MB and 1.5 GB files and on the 12 GB one when present;
#   2. the sustained rate: one cold in-process analysis of the largest file per JVM (RateProbe),
#      the seconds per million frames once the JIT has settled (the second half of the file),
#      STEADY_JVMS JVMs per build, alternating;
#   3. in-process steady state: the same analyzer WARMUP (20) times untimed, then 9 times timed, in
#      one JVM, WARM_JVMS (3) JVMs per build.
#
#   src/test/scripts/compare-builds.sh OLD_REV [RUNS]   (also BIG_RUNS, STEADY_JVMS, WARM_JVMS)
#
# Needs: the bench captures (mvn -o -Pbench -DskipTests package makes the 150 MB and 1.5 GB ones;
# the 12 GB one: mvn -o -q test-compile, then java -cp target/test-classes:target/classes
# org.toktrace.testkit.traffic.GenerateCapture --out target/bench/hotspot-12GB-seed1.pcap --size 12GB
# --seed 1), python3, and a quiet machine. Writes target/bench/compare.md. Takes about 7.5 minutes with
# the 12 GB capture.
set -euo pipefail
old=${1:?usage: compare-builds.sh OLD_REV [RUNS]}
runs=${2:-12}
root=$(git rev-parse --show-toplevel)
cd "$root"
scripts=src/test/scripts
small=target/bench/hotspot-150MB-seed1.pcap
mid=target/bench/hotspot-1.5GB-seed1.pcap
big=target/bench/hotspot-12GB-seed1.pcap
for f in "$small" "$mid"; do
    [ -f "$f" ] || { echo "missing $f: run mvn -o -Pbench -DskipTests package first" >&2; exit 2; }
done
files=("$small" "$mid")
[ -f "$big" ] && files+=("$big")
tree=$(mktemp -d /tmp/toktrace-old.XXXXXX)
work=$(mktemp -d)
trap 'git worktree remove --force "$tree" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
git worktree add -q --detach "$tree" "$old"
(cd "$tree" && mvn -o -q -DskipTests package)
mvn -o -q -DskipTests package
declare -A jar=([old]="$tree/target/toktrace.jar" [new]="target/toktrace.jar")
declare -A cp=([old]="$tree/target/toktrace.jar:$tree/target/lib/*" [new]="target/toktrace.jar:target/lib/*")
for f in "${files[@]}"; do cat "$f" > /dev/null; done # page cache warm
out=target/bench/compare.md
{
    echo "# analyze: $(git rev-parse --short HEAD) (new) against $old (old), $(date -u +%FT%TZ)"
    echo
    echo "Load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo
    echo "## Whole processes, interleaved (median wall, median user+sys CPU)"
    echo
    for f in "${files[@]}"; do
        n=$runs
        [ "$f" = "$big" ] && n=${BIG_RUNS:-6}
        echo "$f, $n runs each:"
        echo
        python3 "$scripts/interleave.py" "$n" "java -jar ${jar[old]} analyze $f --quiet" \
            "java -jar ${jar[new]} analyze $f --quiet" | sed 's/^/    /'
        echo
    done
} > "$out"

# The sustained rate, from the analyzer's own progress reports in a cold JVM
steady=${files[-1]}
for build in old new; do
    mkdir -p "$work/$build"
    javac -d "$work/$build" -cp "${jar[$build]}" "$scripts/RateProbe.java"
done
results=$work/steady.txt
for ((j = 1; j <= ${STEADY_JVMS:-8}; j++)); do
    for build in old new; do
        echo "$build $(java -cp "$work/$build:${cp[$build]}" RateProbe "$steady")" >> "$results"
    done
done
python3 - "$results" "$steady" >> "$out" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    build, rest = line.split(' ', 1)
    parts = rest.split('|')
    segs = [float(x) for x in parts[0].split()]
    rows.setdefault(build, []).append((segs, float(parts[1].split()[1]), float(parts[2].split()[3])))
print(f"## Sustained rate: one cold in-process analysis of {sys.argv[2]} per JVM, {len(rows['old'])} JVMs per build\n")
print("Seconds per million frames, median over the JVMs of each segment; *settled* is the median of each JVM's")
print("second half (the JIT has finished by then), then over the JVMs.\n")
print("| build | first M frames | segments (s per M frames) | settled | whole analysis s | after the last frame s |")
print("|---|---:|---|---:|---:|---:|")
settled = {}
for build in ("old", "new"):
    r = rows[build]
    n = min(len(x[0]) for x in r)
    cols = [statistics.median(x[0][i] for x in r) for i in range(n)]
    settled[build] = statistics.median(statistics.median(x[0][n // 2:n]) for x in r)
    print(f"| {build} | {cols[0]:.3f} | {' '.join(f'{c:.3f}' for c in cols[1:])} | {settled[build]:.3f} | "
          f"{statistics.median(x[1] for x in r):.3f} | {statistics.median(x[2] for x in r):.3f} |")
print(f"\nSettled rate, new against old: {settled['new'] / settled['old'] - 1:+.1%} time per frame.\n")
# The JVMs ran in pairs (old, then new), so each pair shares the machine's state of that moment,
# which moves the rate of both builds by more than the difference between them (a busy other core
# slows a build's packet loop by a quarter or more). The pairs' ratios, with a
# bootstrap interval of their median, say how sure the difference is.
import random
pairs = [statistics.median(n[0][len(n[0]) // 2:]) / statistics.median(o[0][len(o[0]) // 2:])
         for o, n in zip(rows["old"], rows["new"])]
rng = random.Random(1)
boot = sorted(statistics.median(rng.choices(pairs, k=len(pairs))) for _ in range(2000))
print(f"Pairs (new/old settled): {' '.join(f'{p - 1:+.1%}' for p in pairs)}; median {statistics.median(pairs) - 1:+.1%},"
      f" 95 % bootstrap interval of the median {boot[50] - 1:+.1%} to {boot[1949] - 1:+.1%}.\n")
PY

# In-process, steady state: the same analyzer run WARMUP times untimed, then 9 times timed, in one
# JVM. A few runs are not enough: methods run per flow, per DNS answer or per time bin cross C2's
# threshold only in the third to tenth run of the 1.5 GB file, and the compiler thread then takes
# a third of a second of CPU per run beside the packet thread.
warm=$work/Steady.java
cat > "$warm" <<'JAVA'
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.toktrace.analysis.AnalysisOptions;
import org.toktrace.analysis.CaptureAnalyzer;
public class Steady {
    public static void main(String[] a) throws Exception {
        var threads = ManagementFactory.getThreadMXBean();
        CaptureAnalyzer analyzer = new CaptureAnalyzer(AnalysisOptions.defaults());
        int warmup = Integer.parseInt(a[1]), n = 9;
        for (int i = 0; i < warmup; i++) {
            analyzer.analyze(Path.of(a[0]));
        }
        double[] wall = new double[n], cpu = new double[n];
        long process = processTicks();
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime(), c = threads.getCurrentThreadCpuTime();
            analyzer.analyze(Path.of(a[0]));
            wall[i] = (System.nanoTime() - t) / 1e9;
            cpu[i] = (threads.getCurrentThreadCpuTime() - c) / 1e9;
        }
        double processCpu = (processTicks() - process) / 100.0 / n;
        Arrays.sort(wall);
        Arrays.sort(cpu);
        System.out.printf("%.3f %.3f %.3f%n", wall[n / 2], cpu[n / 2], processCpu);
    }
    /** This process's user and system CPU in clock ticks (1/100 s), from /proc/self/stat. */
    private static long processTicks() throws Exception {
        String s = Files.readString(Path.of("/proc/self/stat"));
        String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }
}
JAVA
{
    # One JVM is not enough: which methods C2 compiles first, and so what it can still inline, differs
    # from one JVM to the next and moves a run by up to a third.
    jvms=${WARM_JVMS:-3}
    warmup=${WARMUP:-20}
    echo "## In-process, steady state ($jvms JVMs per build, alternating; in each $warmup untimed runs, then the median of 9, -Xmx256m), $mid"
    echo
    echo "| build | median over JVMs: wall s | packet thread CPU s | process CPU s per run | M frames/s | each JVM's wall s |"
    echo "|---|---:|---:|---:|---:|---|"
    results=$work/warm.txt
    for ((j = 1; j <= jvms; j++)); do
        for build in old new; do
            read -r w c p < <(java -Xmx256m -cp "${jar[$build]}" "$warm" "$mid" "$warmup")
            echo "$build $w $c $p" >> "$results"
        done
    done
    python3 - "$results" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
med = {}
for build in ("old", "new"):
    walls = [float(r[1]) for r in rows if r[0] == build]
    cpus = [float(r[2]) for r in rows if r[0] == build]
    procs = [float(r[3]) for r in rows if r[0] == build]
    w = med[build] = statistics.median(walls)
    print(f"| {build} | {w:.3f} | {statistics.median(cpus):.3f} | {statistics.median(procs):.3f} | "
          f"{1502694 / w / 1e6:.2f} | " + ", ".join(f"{x:.3f}" for x in walls) + " |")
print(f"\nSteady state, new against old: {med['new'] / med['old'] - 1:+.1%} wall time per analysis.\n")
PY
} >> "$out"
cat "$out"
