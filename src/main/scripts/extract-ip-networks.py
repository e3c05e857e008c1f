#!/usr/bin/env python3
"""Build TokTrace's offline IP-to-network table: operator (AS number and name) and country.

Reads two npm packages of sapics/ip-location-db:
  @ip-location-db/asn                     asn-ipv4.csv, asn-ipv6.csv
      start,end,asn,organisation (RouteViews > the five RIRs > DB-IP ASN Lite; CC BY 4.0,
      attribution to routeviews.org, nro.net and DB-IP.com)
  @ip-location-db/geo-whois-asn-country   geo-whois-asn-country-ipv4.csv, -ipv6.csv
      start,end,country (GeoFeed > RIR whois > RIR ASN country; package.json says CC0-1.0,
      its README and NRO_LICENSE say the RIR part is CC BY 4.0 by the NRO)
cuts both into the ranges where neither changes, merges neighbours with the same AS and
country, and writes the binary that org.toktrace.attribute.IpNetworks reads.

Usage:
    python3 src/main/scripts/extract-ip-networks.py [ASN_PACKAGE_DIR COUNTRY_PACKAGE_DIR]

Each directory is an unpacked package (holding package.json and the CSVs). Without them the
script runs `npm pack` for both packages in a temporary folder. The output goes to
src/main/resources/org/toktrace/attribute/ip-networks.bin (gzip of the layout below).

Layout (big-endian; every count is checked against the bytes left when it is read), column
by column with each range's first address as the difference from the previous one, which
gzip packs to about a third of a row-by-row layout:
    bytes  "TTIPNET1"
    utf    the source: package names and versions      (u16 length, UTF-8)
    utf    the data's date, YYYY-MM-DD (from the version 2.3.YYYYMMDDHH)
    u16    countries C, then C x 2 ASCII bytes          (index 0, "--", is no country)
    i32    autonomous systems A, then A x u32 asn (ascending), then A x utf name
    i32    IPv4 ranges N4, then N4 x u32 first (as a difference), N4 x i32 AS, N4 x u16 country
    i32    IPv6 ranges N6, then N6 x (u64 high, u64 low) first (as a 128-bit difference),
           N6 x i32 AS, N6 x u16 country
A range's AS is its position in the AS table plus one (0: none), so reading needs no search.
A range ends where the next one starts; the first IPv4 range starts at 0.0.0.0 and the first
IPv6 one at ::, so every address falls in exactly one. AS 0 with country 0 means "not in the data".
"""
import collections
import csv
import gzip
import ipaddress
import json
import os
import struct
import subprocess
import sys
import tarfile
import tempfile

ASN_PACKAGE = "@ip-location-db/asn"
COUNTRY_PACKAGE = "@ip-location-db/geo-whois-asn-country"
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "org", "toktrace",
                   "attribute", "ip-networks.bin")


def unpacked(package, tmp):
    out = subprocess.run(["npm", "pack", package, "--json"], cwd=tmp, check=True,
                         capture_output=True, text=True).stdout
    name = json.loads(out)[0]["filename"]
    target = os.path.join(tmp, name[:-4])
    with tarfile.open(os.path.join(tmp, name)) as tar:
        tar.extractall(target, filter="data")
    return os.path.join(target, "package")


def version(pkg):
    with open(os.path.join(pkg, "package.json"), encoding="utf-8") as f:
        meta = json.load(f)
    return meta["name"], meta["version"]


def read(path, value):
    """Rows (first, last, value) as integers, sorted, overlaps cut off (the first row wins)."""
    rows = []
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.reader(f):
            rows.append((int(ipaddress.ip_address(row[0])), int(ipaddress.ip_address(row[1])), value(row)))
    rows.sort()
    out = []
    for first, last, v in rows:
        if out and first <= out[-1][1]:
            first = out[-1][1] + 1
            if first > last:
                continue
        out.append((first, last, v))
    return out


def cut(a, b, top):
    """The ranges [first, next first) over 0..top where neither list's value changes."""
    points = {0}
    for rows in (a, b):
        for first, last, _ in rows:
            points.add(first)
            if last < top:
                points.add(last + 1)
    points = sorted(points)

    def values(rows):
        # walk the sorted rows beside the sorted cut points
        i = 0
        for p in points:
            while i < len(rows) and rows[i][1] < p:
                i += 1
            yield rows[i][2] if i < len(rows) and rows[i][0] <= p else None

    out = []
    for p, va, vb in zip(points, values(a), values(b)):
        key = (va or 0, vb or "")
        if out and out[-1][1] == key:
            continue
        out.append((p, key))
    return out


def main(argv):
    if len(argv) == 3:
        asn_pkg, country_pkg = argv[1], argv[2]
    else:
        tmp = tempfile.mkdtemp(prefix="ip-location-db-")
        asn_pkg, country_pkg = unpacked(ASN_PACKAGE, tmp), unpacked(COUNTRY_PACKAGE, tmp)
    (an, av), (cn, cv) = version(asn_pkg), version(country_pkg)
    source = "%s %s, %s %s" % (an, av, cn, cv)
    stamp = max(av.split(".")[-1], cv.split(".")[-1])  # 2.3.YYYYMMDDHH
    date = "%s-%s-%s" % (stamp[0:4], stamp[4:6], stamp[6:8])

    names = collections.defaultdict(collections.Counter)

    def asn_value(row):
        asn = int(row[2])
        names[asn][row[3].strip()] += 1
        return asn

    tables = []
    for suffix, top in (("ipv4", 2 ** 32 - 1), ("ipv6", 2 ** 128 - 1)):
        asn_rows = read(os.path.join(asn_pkg, "asn-%s.csv" % suffix), asn_value)
        country_rows = read(os.path.join(country_pkg, "geo-whois-asn-country-%s.csv" % suffix),
                            lambda row: row[2].strip().upper())
        tables.append(cut(asn_rows, country_rows, top))

    countries = [""] + sorted({k[1] for t in tables for _, k in t if k[1]})
    index = {c: i for i, c in enumerate(countries)}
    used = sorted({k[0] for t in tables for _, k in t if k[0]})
    position = {asn: i + 1 for i, asn in enumerate(used)}
    position[0] = 0

    def utf(s):
        b = s.encode("utf-8")
        return struct.pack(">H", len(b)) + b

    out = bytearray(b"TTIPNET1")
    out += utf(source) + utf(date)
    out += struct.pack(">H", len(countries))
    for c in countries:
        out += (c or "--").encode("ascii")[:2].ljust(2, b"-")
    out += struct.pack(">i", len(used))
    for asn in used:
        out += struct.pack(">I", asn)
    for asn in used:
        out += utf(names[asn].most_common(1)[0][0][:200])
    for table, six in zip(tables, (False, True)):
        out += struct.pack(">i", len(table))
        previous = 0
        for first, _ in table:
            d = first - previous
            previous = first
            out += struct.pack(">QQ", d >> 64, d & (2 ** 64 - 1)) if six else struct.pack(">I", d)
        for _, (asn, _) in table:
            out += struct.pack(">i", position[asn])
        for _, (_, country) in table:
            out += struct.pack(">H", index[country])
    v4, v6 = tables
    with open(OUT, "wb") as f:
        # mtime 0: the same input gives the same bytes
        f.write(gzip.compress(bytes(out), compresslevel=9, mtime=0))
    print("%s: %s, dated %s; %d countries, %d autonomous systems, %d IPv4 and %d IPv6 ranges, "
          "%d bytes (%d unpacked)" % (os.path.relpath(OUT), source, date, len(countries) - 1, len(used),
                                      len(v4), len(v6), os.path.getsize(OUT), len(out)), file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv)
