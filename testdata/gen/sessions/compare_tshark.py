#!/usr/bin/env python3
"""Compare tshark's RTP stream table (NAME.rtp-streams.txt) with NAME.truth.json:

    compare_tshark.py DIR [NAME...]     (default: every *.truth.json in DIR)

Prints one Markdown row per stream: truth packets / expected / lost / duplicates /
reordered beside tshark's Pkts and Lost, and whether they agree. Exit status 0
always (disagreements are findings, not errors)."""
import glob, json, os, re, sys

d = sys.argv[1]
names = sys.argv[2:] or sorted(os.path.basename(p)[:-len(".truth.json")] for p in glob.glob(os.path.join(d, "*.truth.json")))
row = re.compile(r"^\s*[\d.]+\s+[\d.]+\s+(\S+)\s+(\d+)\s+(\S+)\s+(\d+)\s+(0x[0-9A-Fa-f]+)\s+(.+?)\s+(\d+)\s+(-?\d+)\s+\(")
print("| capture | stream (ssrc src > dst) | truth packets | expected | lost | dups | reordered | tshark Pkts | tshark Lost | agree |")
print("|---|---|---|---|---|---|---|---|---|---|")
for n in names:
    ts = {}
    with open(os.path.join(d, n + ".rtp-streams.txt")) as f:
        for line in f:
            m = row.match(line)
            if m:
                ts[(int(m.group(5), 16), m.group(1), int(m.group(2)), m.group(3), int(m.group(4)))] = (int(m.group(7)), int(m.group(8)))
    with open(os.path.join(d, n + ".truth.json")) as f:
        tr = json.load(f)
    for s in tr["streams"]:
        t = s.get("truth")
        if not t:
            continue
        k = (int(s["ssrc"], 16), s["src"], s["sport"], s["dst"], s["dport"])
        tp, tl = ts.get(k, (None, None))
        ok = tp == t["packets"] and tl == t["lost"]
        print(f"| {n} | {s['ssrc']} {s['src']}:{s['sport']} > {s['dst']}:{s['dport']} | {t['packets']} | {t['expected']} | "
              f"{t['lost']} | {t['duplicates']} | {t['reordered']} | {tp} | {tl} | {'yes' if ok else '**NO**'} |")
