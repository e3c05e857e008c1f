#!/usr/bin/env python3
"""Per-5-tuple packet and IP-byte totals of a capture, as tshark decodes it.

Writes one line per conversation, tab-separated, sorted:
  transport  addr_a  port_a  addr_b  port_b  packets_a_to_b  bytes_a_to_b  packets_b_to_a  bytes_b_to_a
where (addr_a, port_a) < (addr_b, port_b) as strings "addr port", bytes are IP total lengths
(IPv4 total length; IPv6 40 + payload length), the outermost IP header of every frame counts
(but for CAPWAP data, VXLAN and GTP-U, whose inner packets, a phone's or a VM's, are what TokTrace
follows: there the innermost),
and every IP fragment counts for the 5-tuple of its datagram (tshark's IP reassembly is off so
each fragment is its own frame; fragments are matched by source, destination, protocol and id).

The tests compare TokTrace's flows, summed per 5-tuple, against these files
(src/test/resources/interop-expected). Regenerate with:
  for f in ../shared/interop/captures/*; do
    python3 src/test/scripts/tshark-flow-totals.py "$f" > src/test/resources/interop-expected/$(basename "$f").flows.tsv
  done
"""
import subprocess
import sys
from collections import defaultdict

FIELDS = ["frame.protocols", "ip.src", "ip.dst", "ip.len", "ip.proto", "ip.id", "ip.frag_offset",
          "ip.flags.mf", "ipv6.src", "ipv6.dst", "ipv6.plen", "ipv6.nxt", "ipv6.fraghdr.ident",
          "ipv6.fraghdr.offset", "ipv6.fraghdr.more", "tcp.srcport", "tcp.dstport", "udp.srcport",
          "udp.dstport"]
NAMES = {"tcp": 6, "udp": 17, "icmp": 1, "icmpv6": 58, "igmp": 2, "gre": 47, "esp": 50, "sctp": 132}
TUNNELS = ("capwap.data", "vxlan", "gtp")
LABELS = {6: "TCP", 17: "UDP", 1: "ICMP", 58: "ICMPv6", 2: "IGMP", 47: "GRE", 50: "ESP", 51: "AH", 132: "SCTP"}


def transport_after_ip(protocols):
    layers = protocols.split(":")
    for i, layer in enumerate(layers):
        if layer in ("ip", "ipv6"):
            for nxt in layers[i + 1:]:
                if not nxt.startswith("ipv6."):
                    return nxt
            return ""
    return None


def main(path):
    cmd = ["tshark", "-n", "-r", path, "-o", "ip.defragment:FALSE", "-o", "ipv6.defragment:FALSE",
           "-T", "fields", "-E", "separator=\t", "-E", "occurrence=a", "-E", "aggregator=|"]
    for f in FIELDS:
        cmd += ["-e", f]
    # a capture cut short makes tshark exit non-zero after printing the frames it read
    out = subprocess.run(cmd, check=False, capture_output=True, text=True).stdout
    totals = defaultdict(lambda: [0, 0, 0, 0])
    frag_groups = {}  # (src, dst, proto, id) -> 5-tuple
    pending = defaultdict(list)  # (src, dst, proto, id) -> [(src_ep, bytes)]
    for line in out.splitlines():
        raw = dict(zip(FIELDS, line.split("\t")))
        layers = raw["frame.protocols"].split(":")
        inner = [i for i, layer in enumerate(layers) if layer in TUNNELS
                 and any(x in ("ip", "ipv6") for x in layers[i + 1:])]
        tunnel = bool(inner)
        v = {k: (x.split("|")[-1] if tunnel else x.split("|")[0]) for k, x in raw.items()}
        protocols = raw["frame.protocols"]
        if tunnel:
            protocols = ":".join(layers[inner[-1]:])
        transport = transport_after_ip(protocols)
        if transport is None:
            continue
        if not v["ip.src"] and not v["ipv6.src"]:
            continue  # tshark found no valid IP header: TokTrace counts such a frame as malformed
        if v["ip.src"]:
            src, dst, length = v["ip.src"], v["ip.dst"], int(v["ip.len"])
            proto = int(v["ip.proto"])
            frag_id = v["ip.id"]
            frag_off = int(v["ip.frag_offset"] or 0)
            more = v["ip.flags.mf"] in ("1", "True")
        else:
            src, dst, length = v["ipv6.src"], v["ipv6.dst"], 40 + int(v["ipv6.plen"])
            proto = NAMES.get(transport, int(v["ipv6.nxt"]) if v["ipv6.nxt"] else 0)
            frag_id = v["ipv6.fraghdr.ident"]
            frag_off = int(v["ipv6.fraghdr.offset"] or 0)
            more = v["ipv6.fraghdr.more"] in ("1", "True")
        fragment = frag_off > 0 or more
        # IPv4 identifies a datagram by (src, dst, protocol, id); IPv6 by (src, dst, id), and its
        # later fragments do not show the upper-layer protocol
        group = (src, dst, proto, frag_id) if v["ip.src"] else (src, dst, frag_id)
        if fragment and frag_off > 0:
            if group in frag_groups:
                add(totals, frag_groups[group], (src, None), length)
            else:
                pending[group].append(length)
            continue
        sport = dport = "0"
        if proto == 6:
            sport, dport = v["tcp.srcport"], v["tcp.dstport"]
        elif proto == 17:
            sport, dport = v["udp.srcport"], v["udp.dstport"]
        key = conversation(proto, src, sport, dst, dport)
        add(totals, key, (src, sport), length)
        if fragment:
            frag_groups[group] = key
            for pending_length in pending.pop(group, []):
                add(totals, key, (src, None), pending_length)
    for key in sorted(totals):
        t = totals[key]
        print("\t".join([LABELS.get(key[0], "IP-%d" % key[0])] + list(key[1:]) + [str(x) for x in t]))


def conversation(proto, src, sport, dst, dport):
    a, b = (src, sport), (dst, dport)
    if f"{a[0]} {a[1]}" > f"{b[0]} {b[1]}":
        a, b = b, a
    return (proto, a[0], a[1], b[0], b[1])


def add(totals, key, sender, length):
    t = totals[key]
    a_sends = sender[0] == key[1] and (sender[1] is None or sender[1] == key[2])
    if key[1] == key[3] and sender[1] is not None:  # same address both sides: tell by port
        a_sends = sender[1] == key[2]
    if a_sends:
        t[0] += 1
        t[1] += length
    else:
        t[2] += 1
        t[3] += length


if __name__ == "__main__":
    main(sys.argv[1])
