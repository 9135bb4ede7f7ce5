#!/usr/bin/python3
"""User-space "wire" between two interfaces (AF_PACKET), run inside rtcicap-w.

    wire.py IF_A IF_B [--mode pass|vlan|qinq|tcp-impair|frag-reverse] [options] [--log FILE]

Every frame read on IF_A is written to IF_B (direction "a>b") and every frame read
on IF_B to IF_A ("b>a"), unchanged, except in the a>b direction:

  --mode vlan --vid 100            insert one 802.1Q tag (TPID 0x8100, PCP 0, VID 100)
  --mode qinq --svid 300 --cvid 400
                                   insert an 802.1ad S-tag (TPID 0x88a8, VID 300)
                                   followed by an 802.1Q C-tag (TPID 0x8100, VID 400)
  --mode tcp-impair --drop 6 --hold 10
                                   count a>b TCP segments that carry payload (1, 2, ...,
                                   retransmissions included); drop the --drop ones, hold
                                   each --hold one back until the next a>b data segment
                                   has been forwarded (a swap of two segments)
  --mode frag-reverse              buffer IPv4/IPv6 fragments of one datagram until its
                                   last fragment (MF=0) arrives, then forward them in
                                   reverse order (last fragment first)

  --pad                            (any mode, both directions) frames shorter than 60
                                   bytes are padded with zero bytes to 60, as an Ethernet
                                   NIC pads on transmit (veth does not): the IPv4/IPv6
                                   length, not the frame length, then says where the
                                   packet ends

The kernel of the capture machine has no 8021q / bridge VLAN filtering / act_vlan, so
this is where the VLAN tags of vlan-*.pcap come from: the frames inside the tags are
the kernel's own, byte for byte.

--log FILE gets one line per frame (TSV): n, time, direction, frame length, summary,
fate (forwarded / tagged / dropped / held / released / reversed-k-of-n).
"""
import argparse
import select
import socket
import struct
import sys
import time

ETH_P_ALL = 0x0003
PACKET_OUTGOING = 4


def summary(f):
    """Short description of an Ethernet frame (IPv4/IPv6, TCP/UDP, fragments)."""
    if len(f) < 14:
        return "short"
    et = struct.unpack_from("!H", f, 12)[0]
    off = 14
    while et in (0x8100, 0x88A8) and len(f) >= off + 4:
        et = struct.unpack_from("!H", f, off + 2)[0]
        off += 4
    if et == 0x0806:
        return "arp"
    if et == 0x0800 and len(f) >= off + 20:
        ihl = (f[off] & 15) * 4
        tot, ident, fo, proto = struct.unpack_from("!HHH", f, off + 2) + (f[off + 9],)
        src = socket.inet_ntop(socket.AF_INET, f[off + 12:off + 16])
        dst = socket.inet_ntop(socket.AF_INET, f[off + 16:off + 20])
        frag = ""
        if fo & 0x3FFF:
            frag = " frag id=%d off=%d mf=%d" % (ident, (fo & 0x1FFF) * 8, (fo >> 13) & 1)
            if fo & 0x1FFF:
                return "ipv4 %s>%s proto=%d%s" % (src, dst, proto, frag)
        return l4(f, off + ihl, off + tot, proto, src, dst) + frag
    if et == 0x86DD and len(f) >= off + 40:
        src = socket.inet_ntop(socket.AF_INET6, f[off + 8:off + 24])
        dst = socket.inet_ntop(socket.AF_INET6, f[off + 24:off + 40])
        end = off + 40 + struct.unpack_from("!H", f, off + 4)[0]
        nh, p = f[off + 6], off + 40
        frag = ""
        while nh in (0, 43, 60, 44) and len(f) >= p + 8:
            if nh == 44:
                fo, ident = struct.unpack_from("!HI", f, p + 2)
                frag = " frag id=%d off=%d mf=%d" % (ident, fo & 0xFFF8, fo & 1)
                nh = f[p]
                p += 8
                if fo & 0xFFF8:
                    return "ipv6 %s>%s nh=%d%s" % (src, dst, nh, frag)
                continue
            nh, p = f[p], p + (f[p + 1] + 1) * 8
        return l4(f, p, end, nh, src, dst) + frag
    return "ethertype 0x%04x" % et


def l4(f, p, end, proto, src, dst):
    if proto == 6 and len(f) >= p + 20:
        sp, dp, seq, ack, offfl = struct.unpack_from("!HHIIH", f, p)
        hl = (offfl >> 12) * 4
        flags = "".join(c for c, b in zip("FSRPAU", (1, 2, 4, 8, 16, 32)) if offfl & b)
        return "tcp %s:%d>%s:%d seq=%d ack=%d %s len=%d" % (src, sp, dst, dp, seq, ack, flags,
                                                            end - p - hl)
    if proto == 17 and len(f) >= p + 8:
        sp, dp, ln = struct.unpack_from("!HHH", f, p)
        return "udp %s:%d>%s:%d len=%d" % (src, sp, dst, dp, ln - 8)
    return "ip %s>%s proto=%d" % (src, dst, proto)


def tcp_payload_len(f):
    s = summary(f)
    if s.startswith("tcp "):
        return int(s.rsplit("len=", 1)[1].split()[0])
    return 0


def frag_key(f):
    """(key, is_last) for an IPv4/IPv6 fragment, else None."""
    et = struct.unpack_from("!H", f, 12)[0] if len(f) >= 14 else 0
    if et == 0x0800 and len(f) >= 34:
        ident, fo = struct.unpack_from("!HH", f, 18)
        if fo & 0x3FFF:
            return (bytes(f[26:34]), ident, f[23]), not (fo & 0x2000)
    if et == 0x86DD and len(f) >= 54:
        nh, p = f[20], 54
        while nh in (0, 43, 60, 44) and len(f) >= p + 8:
            if nh == 44:
                fo, ident = struct.unpack_from("!HI", f, p + 2)
                return (bytes(f[22:54]), ident), not (fo & 1)
            nh, p = f[p], p + (f[p + 1] + 1) * 8
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("if_a")
    ap.add_argument("if_b")
    ap.add_argument("--mode", default="pass",
                    choices=["pass", "vlan", "qinq", "tcp-impair", "frag-reverse"])
    ap.add_argument("--vid", type=int, default=100)
    ap.add_argument("--svid", type=int, default=300)
    ap.add_argument("--cvid", type=int, default=400)
    ap.add_argument("--drop", type=int, action="append", default=[])
    ap.add_argument("--hold", type=int, action="append", default=[])
    ap.add_argument("--pad", action="store_true")
    ap.add_argument("--log")
    a = ap.parse_args()
    log = open(a.log, "w", buffering=1) if a.log else sys.stdout
    log.write("# n\ttime\tdir\tlen\tframe\tfate\n")
    sa = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
    sb = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
    sa.bind((a.if_a, 0))
    sb.bind((a.if_b, 0))
    if a.pad:
        class Padded:
            """socket wrapper: pad short frames to the 60-byte Ethernet minimum"""
            def __init__(self, s):
                self.s = s

            def send(self, fr):
                return self.s.send(fr + bytes(60 - len(fr)) if len(fr) < 60 else fr)

            def __getattr__(self, k):
                return getattr(self.s, k)
        sa, sb = Padded(sa), Padded(sb)
    n = 0
    data_seg = 0
    held = []          # frames held back (tcp-impair)
    frags = {}         # key -> [(n, frame)]
    t0 = time.time()

    def note(k, d, fr, fate):
        if a.pad and len(fr) < 60:
            fate += ", padded %d -> 60" % len(fr)
        log.write("%d\t%.6f\t%s\t%d\t%s\t%s\n" % (k, time.time() - t0, d, len(fr), summary(fr), fate))

    print("wire ready", flush=True)
    while True:
        r, _, _ = select.select([sa.fileno(), sb.fileno()], [], [], 1.0)
        r = [sa if fd == sa.fileno() else sb for fd in r]
        if not r:
            for key, lst in list(frags.items()):   # incomplete trains: forward as they came
                for k, fr in lst:
                    sb.send(fr)
                    note(k, "a>b", fr, "forwarded-after-timeout")
                del frags[key]
            continue
        for s in r:
            fr, addr = s.recvfrom(65535)
            if addr[2] == PACKET_OUTGOING:
                continue
            n += 1
            if s is sb:
                sa.send(fr)
                note(n, "b>a", fr, "forwarded")
                continue
            if a.mode == "vlan":
                fr = fr[:12] + struct.pack("!HH", 0x8100, a.vid & 0xFFF) + fr[12:]
                sb.send(fr)
                note(n, "a>b", fr, "tagged 802.1Q vid=%d" % a.vid)
            elif a.mode == "qinq":
                fr = fr[:12] + struct.pack("!HHHH", 0x88A8, a.svid & 0xFFF, 0x8100,
                                           a.cvid & 0xFFF) + fr[12:]
                sb.send(fr)
                note(n, "a>b", fr, "tagged 802.1ad svid=%d + 802.1Q cvid=%d" % (a.svid, a.cvid))
            elif a.mode == "tcp-impair" and tcp_payload_len(fr) > 0:
                data_seg += 1
                if data_seg in a.drop:
                    note(n, "a>b", fr, "dropped (data segment #%d)" % data_seg)
                elif data_seg in a.hold:
                    held.append((n, data_seg, fr))
                    note(n, "a>b", fr, "held (data segment #%d)" % data_seg)
                else:
                    sb.send(fr)
                    note(n, "a>b", fr, "forwarded (data segment #%d)" % data_seg)
                    for k, ds, h in held:
                        sb.send(h)
                        note(k, "a>b", h, "released after #%d (data segment #%d)" % (data_seg, ds))
                    held = []
            elif a.mode == "frag-reverse" and frag_key(fr):
                key, last = frag_key(fr)
                frags.setdefault(key, []).append((n, fr))
                if last:
                    lst = frags.pop(key)
                    for i, (k, f2) in enumerate(reversed(lst)):
                        sb.send(f2)
                        note(k, "a>b", f2, "reversed: sent %d of %d" % (i + 1, len(lst)))
            else:
                sb.send(fr)
                note(n, "a>b", fr, "forwarded")


if __name__ == "__main__":
    main()
