#!/usr/bin/env python3
"""Seeded user-space impairer for UDP traffic in an NFQUEUE (run it in the router
namespace, see netns.sh / impair_rules.sh):

    impair.py --queue N --log FILE.tsv [--seed S] [--start SECS] [--stop SECS]
              [--loss P] [--burst T:N[:PT]] [--reorder P:KMIN:KMAX] [--dup P]
              [--jitter MIN:MAX] [--wrap-reorder K] [--only-pt PT,PT...]

Needs NetfilterQueue (PyPI, built against Debian's libnetfilter-queue-dev).

Only RTP datagrams (also RTP inside TURN ChannelData) are impaired (RFC 7983 demux: first byte 128-191, then RFC 5761:
second byte & 0x7f outside 64-95, i.e. not RTCP); STUN, DTLS, RTCP and anything
else is accepted at once (and logged). --only-pt limits impairment further to the
given payload types. Times (--start/--stop/--burst) count from the first RTP datagram.

Per RTP datagram, in this order (one seeded random.Random decides everything, so
the same input sequence gives the same fates):
  burst    at the first packet (of payload type PT, if given) at or after T s, its
           SSRC loses that packet and the next N-1 packets (fate drop-burst);
  loss     dropped with probability P (fate drop);
  reorder  with probability P the packet is held until KMIN..KMAX (uniform) later
           packets of the same SSRC have been released (fate reorder, detail k=K),
           or 300 ms passed;
  jitter   every other packet is held MIN..MAX ms (uniform), never overtaking an
           earlier packet of its SSRC (fate pass, detail delay in ms);
  dup      with probability P, after the packet is released a copy is sent from a
           raw socket (fate of the copy: dup, a row of its own);
  wrap-reorder K: the packet with sequence number 65535 of every SSRC is held until
           K later packets of that SSRC are released (it arrives after 0, 1, ..).

Log: one TSV row per datagram and verdict, header line first:
  t_in t_out src sport dst dport len kind ssrc seq pt fate detail
t_in/t_out are epoch seconds (same clock as tcpdump); ssrc hex, seq decimal
for RTP; fate in pass, drop, drop-burst, reorder, dup, other (non-RTP, passed).
SIGTERM/SIGINT: release everything still held (fate kept), print counts, exit.
"""
import argparse, heapq, random, select, signal, socket, struct, sys, time
from netfilterqueue import NetfilterQueue

ap = argparse.ArgumentParser()
ap.add_argument("--queue", type=int, required=True)
ap.add_argument("--log", required=True)
ap.add_argument("--seed", type=int, default=1)
ap.add_argument("--start", type=float, default=0.0)
ap.add_argument("--stop", type=float, default=1e9)
ap.add_argument("--loss", type=float, default=0.0)
ap.add_argument("--burst", default=None)
ap.add_argument("--reorder", default=None)
ap.add_argument("--dup", type=float, default=0.0)
ap.add_argument("--jitter", default=None)
ap.add_argument("--wrap-reorder", type=int, default=0)
ap.add_argument("--only-pt", default=None)
a = ap.parse_args()

rng = random.Random(a.seed)
burst = None
if a.burst:
    p = a.burst.split(":")
    burst = {"t": float(p[0]), "n": int(p[1]), "pt": int(p[2]) if len(p) > 2 else None,
             "ssrc": None, "left": 0, "done": False}
reorder = None
if a.reorder:
    p = a.reorder.split(":")
    reorder = (float(p[0]), int(p[1]), int(p[2]))
jitter = tuple(float(x) / 1000 for x in a.jitter.split(":")) if a.jitter else None
only_pt = {int(x) for x in a.only_pt.split(",")} if a.only_pt else None

log = open(a.log, "w", buffering=1)
log.write("t_in\tt_out\tsrc\tsport\tdst\tdport\tlen\tkind\tssrc\tseq\tpt\tfate\tdetail\n")
raw4 = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
raw6 = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_RAW)
for _r in (raw4, raw6):
    # the copies carry mark 0x5a5: impair_rules.sh keeps them out of the queue
    # (needed when the queue sits in the OUTPUT chain, which raw sends traverse)
    _r.setsockopt(socket.SOL_SOCKET, 36, 0x5A5)  # SO_MARK
try:
    raw6.setsockopt(socket.IPPROTO_IPV6, 36, 1)  # IPV6_HDRINCL (implied for IPPROTO_RAW)
except OSError:
    pass

first_rtp = None
heap = []          # (release_time, counter, item) for time-held packets
counter = 0
last_release = {}  # ssrc -> last scheduled release time (jitter keeps order)
waiting = {}       # ssrc -> list of [remaining_k, deadline, item] (reorder holds)
counts = {}


def parse(b):
    v = b[0] >> 4
    if v == 4:
        ihl = (b[0] & 15) * 4
        src, dst = socket.inet_ntop(socket.AF_INET, b[12:16]), socket.inet_ntop(socket.AF_INET, b[16:20])
        proto, off = b[9], ihl
    else:
        src, dst = socket.inet_ntop(socket.AF_INET6, b[8:24]), socket.inet_ntop(socket.AF_INET6, b[24:40])
        proto, off = b[6], 40
    if proto != 17:
        return src, 0, dst, 0, b"", v
    sport, dport = struct.unpack_from("!HH", b, off)
    return src, sport, dst, dport, b[off + 8:], v


def classify(p):
    if len(p) >= 16 and 64 <= p[0] <= 79:
        # TURN ChannelData (RFC 8656 12.4): RTP inside is impaired like plain RTP
        ln, = struct.unpack_from("!H", p, 2)
        k = classify(p[4:4 + ln])
        return k if k[0] == "rtp" else ("channeldata", None, None, None)
    if len(p) >= 12 and 128 <= p[0] <= 191 and not (64 <= (p[1] & 0x7F) <= 95):
        ssrc, = struct.unpack_from("!I", p, 8)
        seq, = struct.unpack_from("!H", p, 2)
        return "rtp", ssrc, seq, p[1] & 0x7F
    if len(p) >= 8 and 128 <= p[0] <= 191:
        return "rtcp", struct.unpack_from("!I", p, 4)[0], None, p[1]
    if len(p) >= 20 and p[0] < 4:
        return "stun", None, None, None
    if 20 <= len(p) and 20 <= p[0] <= 63:
        return "dtls", None, None, None
    if 64 <= len(p) and 64 <= p[0] <= 79:
        return "channeldata", None, None, None
    return "udp", None, None, None


class Item:
    __slots__ = ("pkt", "raw", "info", "t_in", "fate", "detail", "dup", "ssrc")


def emit(it, t_out=None):
    t_out = t_out or time.time()
    it.pkt.accept()
    src, sport, dst, dport, kind, ssrc, seq, pt, ln = it.info
    row = [f"{it.t_in:.6f}", f"{t_out:.6f}", src, sport, dst, dport, ln, kind,
           "" if ssrc is None else f"0x{ssrc:08X}", "" if seq is None else seq,
           "" if pt is None else pt, it.fate, it.detail]
    log.write("\t".join(map(str, row)) + "\n")
    counts[it.fate] = counts.get(it.fate, 0) + 1
    if it.dup:
        dst_ = it.info[2]
        try:
            if it.raw[0] >> 4 == 4:
                raw4.sendto(it.raw, (dst_, 0))
            else:
                raw6.sendto(it.raw, (dst_, 0))
            row[1] = f"{time.time():.6f}"; row[11] = "dup"; row[12] = "copy"
            log.write("\t".join(map(str, row)) + "\n")
            counts["dup"] = counts.get("dup", 0) + 1
        except OSError as e:
            print("dup failed:", e, file=sys.stderr)
    if it.ssrc is not None and it.fate != "drop":
        # a released packet counts for reorder holds of its SSRC
        lst = waiting.get(it.ssrc)
        if lst:
            due = []
            for w in lst:
                w[0] -= 1
                if w[0] <= 0:
                    due.append(w)
            for w in due:
                lst.remove(w)
            for w in due:
                emit(w[2])


def drop(it, fate, detail=""):
    it.pkt.drop()
    src, sport, dst, dport, kind, ssrc, seq, pt, ln = it.info
    row = [f"{it.t_in:.6f}", "", src, sport, dst, dport, ln, kind, f"0x{ssrc:08X}", seq, pt, fate, detail]
    log.write("\t".join(map(str, row)) + "\n")
    counts[fate] = counts.get(fate, 0) + 1


def on_packet(pkt):
    global first_rtp, counter
    now = time.time()
    raw = pkt.get_payload()
    src, sport, dst, dport, udp, ver = parse(raw)
    kind, ssrc, seq, pt = classify(udp)
    it = Item()
    it.pkt, it.raw, it.t_in, it.fate, it.detail, it.dup, it.ssrc = pkt, raw, now, "other", "", False, None
    it.info = (src, sport, dst, dport, kind, ssrc, seq, pt, len(udp))
    if kind != "rtp":
        emit(it)
        return
    if first_rtp is None:
        first_rtp = now
    rel = now - first_rtp
    it.fate = "pass"
    if rel < a.start or rel > a.stop or (only_pt is not None and pt not in only_pt):
        emit(it)
        return
    it.ssrc = ssrc
    if burst and not burst["done"]:
        if burst["ssrc"] is None and rel >= burst["t"] and (burst["pt"] is None or pt == burst["pt"]):
            burst["ssrc"], burst["left"] = ssrc, burst["n"]
        if burst["ssrc"] == ssrc:
            burst["left"] -= 1
            if burst["left"] <= 0:
                burst["done"] = True
            drop(it, "drop-burst", f"{burst['n'] - burst['left']}/{burst['n']}")
            return
    if a.loss and rng.random() < a.loss:
        drop(it, "drop")
        return
    it.dup = bool(a.dup) and rng.random() < a.dup
    if a.wrap_reorder and seq == 65535:
        it.fate, it.detail = "reorder", f"k={a.wrap_reorder} wrap"
        waiting.setdefault(ssrc, []).append([a.wrap_reorder, now + 0.3, it])
        return
    if reorder and rng.random() < reorder[0]:
        k = rng.randint(reorder[1], reorder[2])
        it.fate, it.detail = "reorder", f"k={k}"
        waiting.setdefault(ssrc, []).append([k, now + 0.3, it])
        return
    if jitter:
        d = rng.uniform(*jitter)
        t = max(now + d, last_release.get(ssrc, 0))
        last_release[ssrc] = t
        it.detail = f"delay={1000 * (t - now):.1f}ms"
        counter += 1
        heapq.heappush(heap, (t, counter, it))
        return
    emit(it)


running = True


def stop(*_):
    global running
    running = False


signal.signal(signal.SIGTERM, stop)
signal.signal(signal.SIGINT, stop)
nfq = NetfilterQueue()
nfq.bind(a.queue, on_packet, max_len=4096)
sock = socket.fromfd(nfq.get_fd(), socket.AF_NETLINK, socket.SOCK_RAW)
print(f"impair: queue {a.queue} seed {a.seed}", file=sys.stderr, flush=True)
while running:
    now = time.time()
    nxt = heap[0][0] if heap else now + 0.05
    for lst in waiting.values():
        for w in lst:
            nxt = min(nxt, w[1])
    try:
        r, _, _ = select.select([sock], [], [], max(0.0, nxt - now))
    except InterruptedError:
        r = []
    if r:
        nfq.run(block=False)
    now = time.time()
    while heap and heap[0][0] <= now:
        emit(heapq.heappop(heap)[2])
    for ssrc, lst in waiting.items():
        due = [w for w in lst if w[1] <= now]
        for w in due:
            lst.remove(w)
            w[2].detail += " timeout"
            emit(w[2])
# release what is still held
while heap:
    emit(heapq.heappop(heap)[2])
for lst in waiting.values():
    for w in list(lst):
        emit(w[2])
    lst.clear()
nfq.unbind()
log.close()
print("impair:", counts, file=sys.stderr)
