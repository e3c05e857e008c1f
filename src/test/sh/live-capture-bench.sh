#!/usr/bin/env bash
# Live capture throughput (docs/performance.md): replays a capture into a veth pair inside a network
# namespace at a given rate while toktrace capture records it, then prints what was sent, captured,
# written and dropped. Needs root, iproute2 and tcpreplay.
# usage: live-capture-bench.sh CLASSPATH FILE.pcap RATE   (RATE: topspeed, or a tcpreplay --mbps value)
set -euo pipefail
rm -f "${OUT:-/tmp}/live-bench.err"
CP=$1; FILE=$2; RATE=$3
NS=toktrace-bench-$$
ip netns add $NS
trap 'ip netns del $NS' EXIT
ip netns exec $NS sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip netns exec $NS ip link add ttv0 type veth peer name wlan0
ip netns exec $NS ip link set ttv0 mtu 9000 up
ip netns exec $NS ip link set wlan0 mtu 9000 up
ip netns exec $NS java -Xmx256m -cp "$CP" org.toktrace.Launcher capture -i wlan0 -w "${OUT:-/tmp}/live-bench.pcapng" --quiet 2>"${OUT:-/tmp}/live-bench.err" &
PID=$!
until grep -q "capturing on" "${OUT:-/tmp}/live-bench.err" 2>/dev/null; do sleep 0.2; done
if [ "$RATE" = topspeed ]; then OPT=--topspeed; else OPT=--mbps=$RATE; fi
ip netns exec $NS tcpreplay -q --intf1=ttv0 $OPT "$FILE" 2>&1 | grep -E "Actual|Rated|Successful" | tr -s ' '
sleep 1
kill -TERM $PID; wait $PID  # TERM: a background job of a script may ignore SIGINT
grep captured "${OUT:-/tmp}/live-bench.err"
