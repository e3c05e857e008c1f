#!/usr/bin/env bash
# Times `toktrace analyze` of this checkout against an older revision on the benchmark captures,
# whole processes (hyperfine) and user+system CPU, to tell a fixed start-up cost from a change in
# throughput: the marginal rate is (frames(big) - frames(small)) / (time(big) - time(small)).
#
#   src/test/scripts/compare-builds.sh OLD_REV [RUNS]      (WARM_JVMS=N for the warm part, default 5)
#
# Needs: hyperfine, the bench captures (mvn -o -Pbench -DskipTests package makes them), a quiet
# machine (the figures move by +-15 % when anything else runs). Writes target/bench/compare.md.
set -euo pipefail
old=${1:?usage: compare-builds.sh OLD_REV [RUNS]}
runs=${2:-10}
root=$(git rev-parse --show-toplevel)
cd "$root"
small=target/bench/hotspot-150MB-seed1.pcap
big=target/bench/hotspot-1.5GB-seed1.pcap
for f in "$small" "$big"; do
    [ -f "$f" ] || { echo "missing $f: run mvn -o -Pbench -DskipTests package first" >&2; exit 2; }
done
tree=$(mktemp -d /tmp/toktrace-old.XXXXXX)
trap 'git worktree remove --force "$tree" >/dev/null 2>&1 || true' EXIT
git worktree add -q --detach "$tree" "$old"
(cd "$tree" && mvn -o -q -DskipTests package)
mvn -o -q -DskipTests package
cat "$small" "$big" > /dev/null # page cache warm
json=$(mktemp)
hyperfine -N -w 2 -r "$runs" --export-json "$json" \
    -n "old $small" "java -jar $tree/target/toktrace.jar analyze $small --quiet" \
    -n "new $small" "java -jar target/toktrace.jar analyze $small --quiet" \
    -n "old $big" "java -jar $tree/target/toktrace.jar analyze $big --quiet" \
    -n "new $big" "java -jar target/toktrace.jar analyze $big --quiet" >&2
python3 - "$json" "$old" "$(git rev-parse --short HEAD)" > target/bench/compare.md <<'PY'
import json, statistics, sys
data = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
frames = {"150MB": 149_428, "1.5GB": 1_502_694}
def row(name):
    r = data[name]
    return statistics.median(r["times"]), r["user"] + r["system"]
print(f"# analyze: {sys.argv[3]} against {sys.argv[2]}\n")
print("| build | file | median wall s | mean CPU s (user+sys) |")
print("|---|---|---:|---:|")
res = {}
for build in ("old", "new"):
    for f in ("150MB", "1.5GB"):
        name = next(k for k in data if k.startswith(build) and f in k)
        wall, cpu = row(name)
        res[(build, f)] = (wall, cpu)
        print(f"| {build} | {f} | {wall:.3f} | {cpu:.3f} |")
print()
for build in ("old", "new"):
    dw = res[(build, "1.5GB")][0] - res[(build, "150MB")][0]
    dc = res[(build, "1.5GB")][1] - res[(build, "150MB")][1]
    n = frames["1.5GB"] - frames["150MB"]
    print(f"- {build}: marginal {n / dw / 1e6:.2f} M frames/s of wall time, {n / dc / 1e6:.2f} M frames/s of CPU; "
          f"fixed part about {res[(build, '150MB')][0] - frames['150MB'] / (n / dw):.3f} s")
PY
# In-process, warm: the same analyzer run 10 times in one JVM, the first 3 runs left out (JIT).
warm=$(mktemp -d)/Warm.java
cat > "$warm" <<'JAVA'
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import org.toktrace.analysis.AnalysisOptions;
import org.toktrace.analysis.CaptureAnalyzer;
public class Warm {
    public static void main(String[] a) throws Exception {
        var threads = ManagementFactory.getThreadMXBean();
        CaptureAnalyzer analyzer = new CaptureAnalyzer(AnalysisOptions.defaults());
        double[] wall = new double[7], cpu = new double[7];
        for (int i = 0; i < 10; i++) {
            long t = System.nanoTime(), c = threads.getCurrentThreadCpuTime();
            analyzer.analyze(Path.of(a[0]));
            if (i >= 3) {
                wall[i - 3] = (System.nanoTime() - t) / 1e9;
                cpu[i - 3] = (threads.getCurrentThreadCpuTime() - c) / 1e9;
            }
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        System.out.printf("%.3f %.3f%n", wall[3], cpu[3]);
    }
}
JAVA
{
    # One JVM is not enough: which methods C2 compiles first, and so what it can still inline, differs
    # from one JVM to the next and moves a warm run by up to a third (docs/performance.md, session 3).
    jvms=${WARM_JVMS:-5}
    echo
    echo "In-process, warm ($jvms JVMs per build, alternating; in each the median of runs 4-10, -Xmx256m), $big:"
    echo
    echo "| build | median over JVMs: wall s | packet thread CPU s | M frames/s | each JVM's wall s |"
    echo "|---|---:|---:|---:|---|"
    results=$(mktemp)
    for ((j = 1; j <= jvms; j++)); do
        for build in old new; do
            jar=target/toktrace.jar
            [ $build = old ] && jar=$tree/target/toktrace.jar
            read -r w c < <(java -Xmx256m -cp "$jar" "$warm" "$big")
            echo "$build $w $c" >> "$results"
        done
    done
    python3 - "$results" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
for build in ("old", "new"):
    walls = [float(r[1]) for r in rows if r[0] == build]
    cpus = [float(r[2]) for r in rows if r[0] == build]
    w = statistics.median(walls)
    print(f"| {build} | {w:.3f} | {statistics.median(cpus):.3f} | {1502694 / w / 1e6:.2f} | "
          + ", ".join(f"{x:.3f}" for x in walls) + " |")
PY
} >> target/bench/compare.md
cat target/bench/compare.md
