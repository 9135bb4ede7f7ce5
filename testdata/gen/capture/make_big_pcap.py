#!/usr/bin/env python3
"""Write a large pcap of realistic RTP traffic for the rtcinspect-capture benchmark.
Not a committed capture: generate it where the benchmark runs.

    make_big_pcap.py OUT.pcap [--packets 1500000] [--seed 1] [--nano]

Output: classic pcap, little-endian, microsecond (or --nano) timestamps, snaplen 262144,
LINKTYPE_ETHERNET; every record is Ethernet II / IPv4 (20-byte header, DF, valid header
checksum) / UDP (checksum 0, i.e. none, as IPv4 allows) / RTP v2.  ~1.5 M packets give a
file of ~1.2 GB in well under a minute with CPython 3.11 (no third-party modules).

Traffic: 4 calls between 10.10.0.x and 10.20.0.x, each with
  * audio: PCMU (PT 0), 20 ms packets, 160-byte payload, timestamp += 160 (8 kHz), both
    directions (2 SSRCs per call)
  * video: PT 96 at 90 kHz, 30 frames/s, each frame 1-12 packets of 600-1200 bytes
    (the last one shorter), marker bit on the last packet of a frame, one direction
so 12 SSRCs in all, interleaved in time order (all streams start within the first 20 ms;
timestamps increase monotonically from 2024-01-01T00:00:00Z).  Payload bytes are taken
from a fixed pseudo-random pool (seeded), so equal --seed gives a byte-identical file.

A summary (packet count, per-SSRC packets and payload bytes, file size) is written to
OUT.summary.json so a benchmark can check that a reader saw everything.
"""
import argparse
import heapq
import json
import os
import random
import struct
import sys
import time

REC = struct.Struct("<IIII")
HDR = struct.Struct("!6s6sH" "BBHHHBBH4s4s" "HHHH" "BBHII")   # eth, ipv4, udp, rtp


def ip_checksum_base(src, dst):
    """Sum of the IPv4 header's 16-bit words that do not change per packet."""
    words = [0x4500, 0x4000, (64 << 8) | 17]     # ver/ihl/tos, flags (DF), ttl/proto
    words += struct.unpack("!HH", src) + struct.unpack("!HH", dst)
    return sum(words)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out")
    ap.add_argument("--packets", type=int, default=1_500_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--nano", action="store_true", help="nanosecond pcap magic")
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    pool = rnd.randbytes(1 << 16)
    t_start = time.time()

    streams = []   # dicts with the per-stream state
    for call in range(4):
        ha = bytes([10, 10, 0, 10 + call])
        hb = bytes([10, 20, 0, 10 + call])
        maca = bytes([0x02, 0, 0, 0x10, 0, 10 + call])
        macb = bytes([0x02, 0, 0, 0x20, 0, 10 + call])
        for direction in (0, 1):
            src, dst, ms, md = (ha, hb, maca, macb) if direction == 0 else (hb, ha, macb, maca)
            streams.append(dict(kind="audio", src=src, dst=dst, smac=ms, dmac=md,
                                sport=20000 + 2 * call + 100 * direction, dport=30000 + 2 * call,
                                pt=0, ssrc=rnd.getrandbits(32), seq=rnd.getrandbits(16),
                                ts=rnd.getrandbits(32), interval=0.020))
        streams.append(dict(kind="video", src=ha, dst=hb, smac=maca, dmac=macb,
                            sport=22000 + 2 * call, dport=32000 + 2 * call, pt=96,
                            ssrc=rnd.getrandbits(32), seq=rnd.getrandbits(16),
                            ts=rnd.getrandbits(32), interval=1 / 30))
    for s in streams:
        s["ipbase"] = ip_checksum_base(s["src"], s["dst"])
        s["ipid"] = rnd.getrandbits(16)
        s["packets"] = 0
        s["payload_bytes"] = 0

    t0 = 1704067200.0                       # 2024-01-01T00:00:00Z
    heap = [(t0 + rnd.random() * 0.02, i) for i in range(len(streams))]
    heapq.heapify(heap)
    frac = 1_000_000_000 if a.nano else 1_000_000
    out = open(a.out, "wb", buffering=1 << 22)
    out.write(struct.pack("<IHHiIII", 0xA1B23C4D if a.nano else 0xA1B2C3D4, 2, 4, 0, 0,
                          262144, 1))
    chunk = []
    n = 0
    pack_rec, pack_hdr = REC.pack, HDR.pack
    poolmax = len(pool) - 1300
    while n < a.packets:
        t, i = heapq.heappop(heap)
        s = streams[i]
        if s["kind"] == "audio":
            sizes = [160]
            next_t = t + s["interval"]
            ts_step = 160
        else:
            nb = rnd.randint(1, 12)
            sizes = [rnd.randint(600, 1200) for _ in range(nb - 1)] + [rnd.randint(100, 1200)]
            next_t = t + s["interval"]
            ts_step = 3000
        for k, size in enumerate(sizes):
            if n >= a.packets:
                break
            marker = 0x80 if (s["kind"] == "video" and k == len(sizes) - 1) else 0
            udp_len = 8 + 12 + size
            tot = 20 + udp_len
            ipid = s["ipid"]
            c = s["ipbase"] + tot + ipid
            c = (c & 0xFFFF) + (c >> 16)
            c = (c & 0xFFFF) + (c >> 16)
            tp = t + k * 0.00005                 # packets of one frame 50 µs apart
            sec = int(tp)
            sub = int((tp - sec) * frac)
            caplen = 14 + tot
            off = (n * 7919) % poolmax
            chunk.append(pack_rec(sec, sub, caplen, caplen))
            chunk.append(pack_hdr(s["dmac"], s["smac"], 0x0800,
                                  0x45, 0, tot, ipid, 0x4000, 64, 17, (~c) & 0xFFFF,
                                  s["src"], s["dst"],
                                  s["sport"], s["dport"], udp_len, 0,
                                  0x80, marker | s["pt"], s["seq"], s["ts"], s["ssrc"]))
            chunk.append(pool[off:off + size])
            s["seq"] = (s["seq"] + 1) & 0xFFFF
            s["ipid"] = (ipid + 1) & 0xFFFF
            s["packets"] += 1
            s["payload_bytes"] += size
            n += 1
        s["ts"] = (s["ts"] + ts_step) & 0xFFFFFFFF
        heapq.heappush(heap, (next_t, i))
        if len(chunk) > 30000:
            out.write(b"".join(chunk))
            chunk = []
    out.write(b"".join(chunk))
    out.close()
    size = os.path.getsize(a.out)
    summary = {
        "file": os.path.basename(a.out), "bytes": size, "packets": n, "seed": a.seed,
        "nano": a.nano, "linktype": 1, "udp_checksum": 0,
        "streams": [{"ssrc": s["ssrc"], "kind": s["kind"], "pt": s["pt"],
                     "src": "%d.%d.%d.%d:%d" % (*s["src"], s["sport"]),
                     "dst": "%d.%d.%d.%d:%d" % (*s["dst"], s["dport"]),
                     "packets": s["packets"], "rtp_payload_bytes": s["payload_bytes"]}
                    for s in streams],
    }
    with open(a.out + ".summary.json", "w") as f:
        json.dump(summary, f, indent=1)
    print("%s: %d packets, %.1f MB in %.1f s" % (a.out, n, size / 1e6, time.time() - t_start),
          file=sys.stderr)


if __name__ == "__main__":
    main()
