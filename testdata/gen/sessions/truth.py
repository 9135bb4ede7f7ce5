#!/usr/bin/env python3
"""Ground truth of a capture of ../../sessions/ as JSON (schema in
../../sessions/README.md, "Ground truth"):

    truth.py OUT.truth.json --capture NAME.pcap [--before NAME.before.pcap]
             [--impair-log NAME.impair.tsv] [--peer LABEL=FILE.json ...]
             [--clock PT=HZ,...] [--rtcp-clear] [--producer TEXT] [--impairment TEXT]

Reads classic pcap files (Ethernet, Linux cooked v1/v2, raw IP, loopback) with its
own reader, no tshark. RTP is what the RFC 7983 + RFC 5761 demultiplexing calls RTP
(first byte 128-191, second byte & 0x7f not in 64-95) in UDP, also inside TURN
ChannelData and STUN Send/Data indications (DATA attribute).

Per RTP stream (SSRC + outer 5-tuple) of --capture (the receiving side):
sequence-number accounting (extended, wrap-aware), missing / duplicated /
late (reordered) sequence numbers, RFC 3550 A.8 interarrival jitter recomputed
from capture times and RTP timestamps when the clock rate is known (from --clock,
the static payload types, or a=rtpmap lines of the SDP in the --peer files).
With --before (the same traffic before the impairer) and --impair-log, also what
was sent and each packet's fate. --peer files (aiortc_peer.py / gst stats output:
{"stats": [{"type", "ssrc", ...}, ...], "sdp": {...}}) are attached per SSRC.
With --rtcp-clear, RTCP SR/RR of the capture are decoded too (report blocks,
RTT = arrival of the RR - arrival of the SR it echoes (LSR) - DLSR, as seen at
the capture point).
"""
import argparse, json, re, socket, struct, sys
from collections import OrderedDict, defaultdict

STATIC_CLOCK = {0: 8000, 3: 8000, 4: 8000, 5: 8000, 6: 16000, 7: 8000, 8: 8000, 9: 8000,
                10: 44100, 11: 44100, 12: 8000, 13: 8000, 14: 90000, 15: 8000, 16: 11025,
                17: 22050, 18: 8000, 25: 90000, 26: 90000, 28: 90000, 31: 90000,
                32: 90000, 33: 90000, 34: 90000}


def read_pcap(path):
    """yield (frame_number, epoch_time, ip_bytes)"""
    with open(path, "rb") as f:
        data = f.read()
    magic = data[:4]
    if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
        e = "<"
    elif magic in (b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
        e = ">"
    else:
        raise SystemExit(f"{path}: not a classic pcap file")
    nano = magic in (b"\x4d\x3c\xb2\xa1", b"\xa1\xb2\x3c\x4d")
    linktype = struct.unpack_from(e + "I", data, 20)[0] & 0x0FFFFFFF
    off, n = 24, 0
    while off + 16 <= len(data):
        sec, frac, incl, orig = struct.unpack_from(e + "IIII", data, off)
        pkt = data[off + 16:off + 16 + incl]
        off += 16 + incl
        n += 1
        t = sec + frac / (1e9 if nano else 1e6)
        if linktype == 1:
            et, p = struct.unpack_from("!H", pkt, 12)[0], 14
            while et in (0x8100, 0x88A8):
                et, p = struct.unpack_from("!H", pkt, p + 2)[0], p + 4
            ip = pkt[p:] if et in (0x0800, 0x86DD) else None
        elif linktype == 113:
            ip = pkt[16:] if struct.unpack_from("!H", pkt, 14)[0] in (0x0800, 0x86DD) else None
        elif linktype == 276:
            ip = pkt[20:] if struct.unpack_from("!H", pkt, 0)[0] in (0x0800, 0x86DD) else None
        elif linktype in (101, 12, 228, 229):
            ip = pkt
        elif linktype == 0:
            ip = pkt[4:]
        else:
            raise SystemExit(f"{path}: linktype {linktype} not handled")
        yield n, t, ip


def udp_of(ip):
    if not ip:
        return None
    v = ip[0] >> 4
    if v == 4:
        ihl = (ip[0] & 15) * 4
        if ip[9] != 17 or struct.unpack_from("!H", ip, 6)[0] & 0x3FFF:
            return None
        src, dst, off = socket.inet_ntop(socket.AF_INET, ip[12:16]), socket.inet_ntop(socket.AF_INET, ip[16:20]), ihl
    elif v == 6:
        if ip[6] != 17:
            return None
        src, dst, off = socket.inet_ntop(socket.AF_INET6, ip[8:24]), socket.inet_ntop(socket.AF_INET6, ip[24:40]), 40
    else:
        return None
    sport, dport, ulen = struct.unpack_from("!HHH", ip, off)
    return src, sport, dst, dport, ip[off + 8:off + ulen]


def inner(payload):
    """(kind, bytes) of what the datagram carries: TURN ChannelData / Send / Data unwrapped"""
    if len(payload) >= 4 and 64 <= payload[0] <= 79:
        ln = struct.unpack_from("!H", payload, 2)[0]
        return "channeldata", payload[4:4 + ln]
    if len(payload) >= 20 and payload[0] < 2 and payload[4:8] == b"\x21\x12\xa4\x42":
        mtype, mlen = struct.unpack_from("!HH", payload, 0)
        if mtype in (0x0016, 0x0017):
            p = 20
            while p + 4 <= 20 + mlen:
                at, al = struct.unpack_from("!HH", payload, p)
                if at == 0x0013:
                    return "stun-data", payload[p + 4:p + 4 + al]
                p += 4 + ((al + 3) & ~3)
        return "stun", None
    return "udp", payload


def is_rtp(p):
    return p is not None and len(p) >= 12 and 128 <= p[0] <= 191 and not (64 <= (p[1] & 0x7F) <= 95)


def is_rtcp(p):
    return p is not None and len(p) >= 8 and 128 <= p[0] <= 191 and 64 <= (p[1] & 0x7F) <= 95


def rtp_packets(path):
    out = []
    for n, t, ip in read_pcap(path):
        u = udp_of(ip)
        if not u:
            continue
        src, sport, dst, dport, pl = u
        via, p = inner(pl)
        if not is_rtp(p):
            continue
        cc = p[0] & 15
        seq, ts, ssrc = struct.unpack_from("!HII", p, 2)
        out.append(dict(frame=n, t=t, src=src, sport=sport, dst=dst, dport=dport, via=via,
                        ssrc=ssrc, seq=seq, ts=ts, pt=p[1] & 0x7F, m=p[1] >> 7,
                        x=(p[0] >> 4) & 1, p=(p[0] >> 5) & 1, cc=cc, len=len(p)))
    return out


def key_of(r):
    return (r["ssrc"], r["src"], r["sport"], r["dst"], r["dport"])


def key_str(k):
    return f"0x{k[0]:08X} {k[1]}:{k[2]} > {k[3]}:{k[4]}"


def extend(seqs):
    """extended sequence numbers (RFC 3550 A.1 style, relative to the highest seen)"""
    out, maxe = [], None
    for s in seqs:
        if maxe is None:
            e = s
        else:
            base = maxe & ~0xFFFF
            cands = [base - 65536 + s, base + s, base + 65536 + s]
            e = min(cands, key=lambda c: abs(c - maxe))
        out.append(e)
        maxe = e if maxe is None else max(maxe, e)
    return out


def analyse(pkts, clock):
    """pkts: list of packets of one stream in capture order"""
    ext = extend([p["seq"] for p in pkts])
    first, highest = ext[0], max(ext)
    seen = defaultdict(int)
    late, dups = [], []
    run_max = None
    for p, e in zip(pkts, ext):
        seen[e] += 1
        if seen[e] > 1:
            dups.append(dict(seq=p["seq"], ext=e, frame=p["frame"]))
        elif run_max is not None and e < run_max:
            late.append(dict(seq=p["seq"], ext=e, frame=p["frame"], behind=run_max - e))
        run_max = e if run_max is None else max(run_max, e)
    expected = highest - first + 1
    missing = [e for e in range(first, highest + 1) if e not in seen]
    res = OrderedDict()
    res["packets"] = len(pkts)
    res["unique_seqs"] = len(seen)
    res["first_seq"], res["last_seq"] = pkts[0]["seq"], pkts[-1]["seq"]
    res["first_ext_seq"], res["highest_ext_seq"] = first, highest
    res["seq_wraps"] = (highest >> 16) - (first >> 16)
    res["expected"] = expected
    res["lost_rfc3550"] = expected - len(pkts)
    res["missing_seqs"] = [e & 0xFFFF for e in missing]
    res["duplicates"] = dups
    res["late"] = late
    res["first_frame"], res["last_frame"] = pkts[0]["frame"], pkts[-1]["frame"]
    res["first_time"], res["last_time"] = round(pkts[0]["t"], 6), round(pkts[-1]["t"], 6)
    res["payload_types"] = sorted({p["pt"] for p in pkts})
    res["markers"] = sum(p["m"] for p in pkts)
    res["with_extension"] = sum(p["x"] for p in pkts)
    res["with_padding"] = sum(p["p"] for p in pkts)
    res["bytes_rtp"] = sum(p["len"] for p in pkts)
    via = sorted({p["via"] for p in pkts})
    if via != ["udp"]:
        res["carried_in"] = via
    hz = clock.get(pkts[0]["pt"])
    res["clock_rate"] = hz
    if hz:
        j, jmax, prev = 0.0, 0.0, None
        for p in pkts:
            if prev is not None:
                d = (p["t"] - prev["t"]) * hz - ((p["ts"] - prev["ts"] + 2**31) % 2**32 - 2**31)
                j += (abs(d) - j) / 16
                jmax = max(jmax, j)
            prev = p
        res["jitter_rfc3550"] = OrderedDict(
            final_ts_units=round(j, 3), final_ms=round(1000 * j / hz, 3),
            max_ms=round(1000 * jmax / hz, 3),
            note="A.8 formula over all packets in arrival order (duplicates and late ones included), capture times")
    return res


def seq_counts(seqs):
    """packets / expected / lost / duplicates / reordered of a sequence of RTP
    sequence numbers in arrival order (the receiver's view, RFC 3550 A.1/A.3:
    expected = highest - first extended sequence number + 1, lost = expected -
    packets; a duplicate is a sequence number that arrived before; a reordered
    (late) packet is a first arrival whose extended number is below the highest
    extended number that arrived before it)"""
    ext = extend(seqs)
    seen, dups, late, run_max = set(), 0, 0, None
    for e in ext:
        if e in seen:
            dups += 1
        else:
            if run_max is not None and e < run_max:
                late += 1
            seen.add(e)
        run_max = e if run_max is None else max(run_max, e)
    first, highest = ext[0], max(ext)
    expected = highest - first + 1
    return OrderedDict(packets=len(seqs), expected=expected, lost=expected - len(seqs),
                       missing=expected - len(seen), duplicates=dups, reordered=late,
                       first_seq=seqs[0], highest_seq=highest & 0xFFFF,
                       seq_wraps=(highest >> 16) - (first >> 16),
                       missing_seqs=[e & 0xFFFF for e in range(first, highest + 1) if e not in seen])


def derive(sent, rows):
    """Truth of one impaired stream from what was sent (sequence numbers of the
    sender-side capture, in order) and the impairer's log rows of that stream (in
    log order, which is the order of the verdicts, i.e. of delivery): the delivered
    sequence is every row with fate pass / reorder / dup in log order. Also checks
    that the log saw exactly the packets of the sender-side capture."""
    logged = [int(r["seq"]) for r in rows if r["fate"] != "dup"]
    delivered = [int(r["seq"]) for r in rows if r["fate"] in ("pass", "reorder", "dup")]
    if sorted(logged) != sorted(sent):
        raise SystemExit(f"impairer log and sender-side capture disagree: {len(logged)} vs {len(sent)} packets")
    t = seq_counts(delivered)
    t["sent"] = len(sent)
    t["dropped"] = sum(r["fate"] in ("drop", "drop-burst") for r in rows)
    t["duplicated"] = sum(r["fate"] == "dup" for r in rows)
    t["held_for_reordering"] = sum(r["fate"] == "reorder" for r in rows)
    t["derived_from"] = "impairer log (delivery order) + sender-side capture"
    return t, delivered


def rtcp_reports(path):
    """SR/RR of the capture (clear RTCP only) + RTT as seen at the capture point"""
    srs = {}    # (sender ssrc, middle 32 bits of NTP) -> (time, frame)
    out = []
    for n, t, ip in read_pcap(path):
        u = udp_of(ip)
        if not u:
            continue
        src, sport, dst, dport, pl = u
        via, p = inner(pl)
        if not is_rtcp(p):
            continue
        off = 0
        while off + 8 <= len(p):
            rc, pt, ln = p[off] & 31, p[off + 1], struct.unpack_from("!H", p, off + 2)[0]
            end = off + 4 * (ln + 1)
            if pt in (200, 201):
                ssrc = struct.unpack_from("!I", p, off + 4)[0]
                rb = off + 8
                item = dict(frame=n, t=round(t, 6), src=f"{src}:{sport}", dst=f"{dst}:{dport}",
                            type="SR" if pt == 200 else "RR", ssrc=f"0x{ssrc:08X}")
                if pt == 200 and off + 28 <= len(p):
                    ntp_s, ntp_f, rtpts, pc, oc = struct.unpack_from("!IIIII", p, off + 8)
                    item.update(ntp=f"{ntp_s}.{ntp_f:08X}", rtp_ts=rtpts, packet_count=pc, octet_count=oc)
                    srs[(ssrc, ((ntp_s & 0xFFFF) << 16) | (ntp_f >> 16))] = (t, n)
                    rb = off + 28
                blocks = []
                for i in range(rc):
                    if rb + 24 > len(p):
                        break
                    s, fl, hs, jit, lsr, dlsr = struct.unpack_from("!IIIIII", p, rb)
                    cum = fl & 0xFFFFFF
                    if cum & 0x800000:
                        cum -= 0x1000000
                    b = dict(ssrc=f"0x{s:08X}", fraction_lost=fl >> 24, cumulative_lost=cum,
                             highest_seq=hs & 0xFFFF, seq_cycles=hs >> 16, jitter=jit, lsr=lsr, dlsr=dlsr)
                    sr = srs.get((s, lsr)) if lsr else None
                    if sr:
                        b["rtt_ms_at_capture"] = round(1000 * (t - sr[0] - dlsr / 65536), 3)
                        b["sr_frame"] = sr[1]
                    blocks.append(b)
                    rb += 24
                item["blocks"] = blocks
                out.append(item)
            off = end if end > off else len(p)
    return out


def read_log(path):
    rows = []
    with open(path) as f:
        hdr = f.readline().rstrip("\n").split("\t")
        for line in f:
            rows.append(dict(zip(hdr, line.rstrip("\n").split("\t"))))
    return rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--capture", required=True)
    ap.add_argument("--capture-point", default="")
    ap.add_argument("--before")
    ap.add_argument("--before-point", default="")
    ap.add_argument("--before-by-ssrc", action="store_true",
                    help="match --before streams to the capture's by SSRC alone (the before capture "
                         "is on another path, e.g. between TURN relay addresses)")
    ap.add_argument("--impair-log")
    ap.add_argument("--peer", action="append", default=[])
    ap.add_argument("--clock", default="")
    ap.add_argument("--rtcp-clear", action="store_true")
    ap.add_argument("--producer", default="")
    ap.add_argument("--impairment", default="")
    ap.add_argument("--note", action="append", default=[])
    a = ap.parse_args()

    clock = dict(STATIC_CLOCK)
    peers = OrderedDict()
    for spec in a.peer:
        label, path = spec.split("=", 1)
        with open(path) as f:
            peers[label] = json.load(f)
        for sdp in (peers[label].get("sdp") or {}).values():
            for m in re.finditer(r"a=rtpmap:(\d+) [^/\s]+/(\d+)", sdp or ""):
                clock.setdefault(int(m.group(1)), int(m.group(2)))
    for kv in filter(None, a.clock.split(",")):
        k, v = kv.split("=")
        clock[int(k)] = int(v)

    after = rtp_packets(a.capture)
    streams = OrderedDict()
    for p in after:
        streams.setdefault(key_of(p), []).append(p)
    before = OrderedDict()
    if a.before:
        for p in rtp_packets(a.before):
            before.setdefault(key_of(p), []).append(p)
    if a.before_by_ssrc:
        by_ssrc = OrderedDict()
        for k, v in before.items():
            by_ssrc.setdefault(k[0], []).extend(v)
        before = OrderedDict((k, by_ssrc[k[0]]) for k in streams if k[0] in by_ssrc)
    log = read_log(a.impair_log) if a.impair_log else []
    fates = defaultdict(lambda: defaultdict(list))
    for r in log:
        if r["kind"] != "rtp":
            continue
        k = (int(r["ssrc"], 16), r["src"], int(r["sport"]), r["dst"], int(r["dport"]))
        fates[k][r["fate"]].append(r)

    out = OrderedDict()
    out["format"] = "rtcinspect-session-truth/1"
    out["capture"] = a.capture.rsplit("/", 1)[-1]
    out["capture_point"] = a.capture_point
    if a.before:
        out["before_capture"] = a.before.rsplit("/", 1)[-1]
        out["before_point"] = a.before_point
    if a.impair_log:
        out["impair_log"] = a.impair_log.rsplit("/", 1)[-1]
    out["producer"] = a.producer
    out["impairment"] = a.impairment
    out["notes"] = a.note
    out["clock_rates"] = {str(k): v for k, v in sorted(clock.items()) if k >= 35 or k in {p["pt"] for p in after}}
    out["streams"] = []
    for k in list(streams) + [k for k in before if k not in streams]:
        s = OrderedDict()
        s["ssrc"] = f"0x{k[0]:08X}"
        s["src"], s["sport"], s["dst"], s["dport"] = k[1], k[2], k[3], k[4]
        if k in streams:
            s["received"] = analyse(streams[k], clock)
        if k in before:
            b = before[k]
            s["sent"] = OrderedDict(packets=len(b), first_seq=b[0]["seq"], last_seq=b[-1]["seq"],
                                    first_frame=b[0]["frame"], last_frame=b[-1]["frame"],
                                    first_time=round(b[0]["t"], 6), last_time=round(b[-1]["t"], 6))
        if k in fates:
            f = fates.get(k, {})
            im = OrderedDict()
            im["passed"] = len(f.get("pass", []))
            im["dropped_random"] = [int(r["seq"]) for r in f.get("drop", [])]
            im["dropped_burst"] = [int(r["seq"]) for r in f.get("drop-burst", [])]
            im["duplicated"] = [int(r["seq"]) for r in f.get("dup", [])]
            im["reordered"] = [dict(seq=int(r["seq"]), held=r["detail"]) for r in f.get("reorder", [])]
            dl = [float(r["detail"].split("=")[1][:-2]) for r in f.get("pass", []) if r["detail"].startswith("delay=")]
            if dl:
                im["added_delay_ms"] = dict(min=min(dl), max=max(dl), mean=round(sum(dl) / len(dl), 3), count=len(dl))
            s["impairer"] = im
            if k in before:
                sent = len(before[k])
                dropped = len(im["dropped_random"]) + len(im["dropped_burst"])
                got = len(streams.get(k, []))
                s["check"] = OrderedDict(
                    sent=sent, dropped=dropped, duplicated=len(im["duplicated"]), received=got,
                    sent_minus_dropped_plus_dups_equals_received=(sent - dropped + len(im["duplicated"]) == got))
        # exact truth of the stream at the receiver-side capture
        rx = [p["seq"] for p in streams.get(k, [])]
        if k in fates:
            rows = [r for r in log if r["kind"] == "rtp" and
                    (int(r["ssrc"], 16), r["src"], int(r["sport"]), r["dst"], int(r["dport"])) == k]
            t, delivered = derive([p["seq"] for p in before.get(k, [])], rows)
            t["capture_agrees"] = delivered == rx
            if not t["capture_agrees"]:
                raise SystemExit(f"{key_str(k)}: receiver-side capture is not the delivered sequence")
            s["truth"] = t
        elif rx:
            t = seq_counts(rx)
            if k in before:
                same = [p["seq"] for p in before[k]] == rx
                t["derived_from"] = ("not impaired: the sequence as sent (identical in both captures)"
                                     if same else "not impaired, but the two captures differ")
                t["both_captures_identical"] = same
            else:
                t["derived_from"] = "not impaired: the sequence of the capture"
            s["truth"] = t
        ep = OrderedDict()
        pt0 = (streams.get(k) or before[k])[0]["pt"]
        hz = clock.get(pt0)
        for label, pj in peers.items():
            ent = []
            for x in pj.get("stats", []):
                if x.get("ssrc") != k[0]:
                    continue
                if isinstance(x.get("jitter"), (int, float)) and hz and pj.get("jitter_unit", "rtp-timestamp") == "rtp-timestamp":
                    x = dict(x, jitter_ms=round(1000 * x["jitter"] / hz, 3))
                ent.append(x)
            if ent:
                ep[label] = ent
        if ep:
            s["endpoint_stats"] = ep
        out["streams"].append(s)
    if a.rtcp_clear:
        out["rtcp"] = rtcp_reports(a.capture)
        if a.before:
            out["rtcp_before_capture"] = rtcp_reports(a.before)
    with open(a.out, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    for s in out["streams"]:
        r = s.get("received", {})
        t = s.get("truth", {})
        print(s["ssrc"], s["src"], s["sport"], ">", s["dst"], s["dport"], "TRUTH pkts", t.get("packets"),
              "exp", t.get("expected"), "lost", t.get("lost"), "dup", t.get("duplicates"), "reord", t.get("reordered"),
              "agrees", t.get("capture_agrees"), t.get("both_captures_identical"))
        print("   pkts", r.get("packets"),
              "lost", r.get("lost_rfc3550"), "late", len(r.get("late", [])), "dups", len(r.get("duplicates", [])),
              "jit", (r.get("jitter_rfc3550") or {}).get("final_ms"), "check", (s.get("check") or {}).get("sent_minus_dropped_plus_dups_equals_received"))


if __name__ == "__main__":
    main()
