#!/usr/bin/env python3
"""Writes what tshark reads from every DNS response on port 53 of a capture, one line per response:
client (the response's destination), query name, then the A/AAAA/CNAME records of the answer
section as "name TTL A|AAAA|CNAME value", ';'-separated. Responses quoted inside ICMP errors
(two IP layers) are left out: they are not DNS flows.

    python3 src/test/scripts/tshark-dns-answers.py CAPTURE > src/test/resources/interop-expected/CAPTURE.dns.tsv
"""
import json
import subprocess
import sys

out = subprocess.run(["tshark", "-r", sys.argv[1], "-Y",
                      "dns.flags.response==1 && (udp.port==53 || tcp.port==53) && !icmp && !icmpv6",
                      "-T", "json", "-J", "ip ipv6 dns"],
                     capture_output=True, check=True, text=True).stdout
types = {"1": "A", "28": "AAAA", "5": "CNAME"}
for packet in json.loads(out or "[]"):
    layers = packet["_source"]["layers"]
    ip = layers.get("ip") or layers.get("ipv6")
    client = ip.get("ip.dst") or ip.get("ipv6.dst")
    dns = layers["dns"]
    if isinstance(dns, list):
        dns = dns[0]
    query = next(iter(dns["Queries"].values()))["dns.qry.name"].lower().rstrip(".")
    records = []
    if dns["dns.flags_tree"]["dns.flags.rcode"] == "0":
        for rr in dns.get("Answers", {}).values():
            t = types.get(rr["dns.resp.type"])
            if t is None or rr["dns.resp.class"] != "0x0001":
                continue
            value = rr.get("dns.a") or rr.get("dns.aaaa") or rr.get("dns.cname")
            records.append("%s %s %s %s" % (rr["dns.resp.name"].lower().rstrip("."), rr["dns.resp.ttl"], t,
                                           value.lower().rstrip(".")))
    print("\t".join([client, query, ";".join(records)]))
