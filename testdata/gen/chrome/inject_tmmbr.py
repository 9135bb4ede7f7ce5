#!/usr/bin/python3
"""Stimulus for Chromium's TMMBN (RFC 5104): inject ONE crafted TMMBR into a
running loopback call and log it.

    inject_tmmbr.py LOGFILE [BITRATE_BPS]

Sniffs lo until it has seen pc1's VP8 RTP (PT 96, > 500 bytes) and an RR from
pc2 to pc1, then sends, from pc2's address and port to pc1's, a reduced-size
RTCP TMMBR (PT 205, FMT 3) asking pc1's video SSRC for BITRATE_BPS (default
200000), with pc2's own RTCP sender SSRC. The TMMBR bytes are OURS (crafted,
not from any implementation) and must never be used as a corpus sample; what
Chromium sends back (TMMBN) is real. Everything is written to LOGFILE.
Uses scapy (Debian python3-scapy), run with /usr/bin/python3 as root.
"""
import socket, struct, sys, time
from scapy.all import sniff, IP, IPv6, UDP

log = open(sys.argv[1], "a")
rate = int(sys.argv[2]) if len(sys.argv) > 2 else 200000
found = {}


def see(p):
    if UDP not in p:
        return False
    b = bytes(p[UDP].payload)
    if len(b) < 12 or b[0] >> 6 != 2:
        return False
    l3 = p[IPv6] if IPv6 in p else p[IP]
    if b[1] == 96 or b[1] == 96 | 0x80:
        if len(b) > 500 and "rtp" not in found:
            found["rtp"] = (l3.src, p[UDP].sport, l3.dst, p[UDP].dport, struct.unpack("!I", b[8:12])[0])
    elif b[1] == 201 and "rtp" in found:
        src, sport, dst, dport, _ = found["rtp"]
        # RR from pc2 (the RTP receiver) back to pc1
        if p[UDP].sport == dport and p[UDP].dport == sport:
            found["rr_ssrc"] = struct.unpack("!I", b[4:8])[0]
    return "rtp" in found and "rr_ssrc" in found


sniff(iface="lo", filter="udp", stop_filter=see, timeout=20, store=False)
if not ("rtp" in found and "rr_ssrc" in found):
    log.write("inject_tmmbr: did not find the call, nothing sent\n")
    sys.exit(1)
src, sport, dst, dport, media_ssrc = found["rtp"]
exp = 0
mant = rate
while mant > 0x1FFFF:
    mant >>= 1
    exp += 1
overhead = 40
fci = struct.pack("!II", media_ssrc, (exp << 26) | (mant << 9) | overhead)
pkt = struct.pack("!BBHII", 0x80 | 3, 205, (12 + len(fci)) // 4 - 1, found["rr_ssrc"], 0) + fci
# a raw socket, so that the kernel routes it locally (over lo) like any
# datagram to our own address; UDP header by hand, checksum by the kernel (v6)
udp = struct.pack("!HHHH", dport, sport, 8 + len(pkt), 0) + pkt
if ":" in src:
    s = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_UDP)
    s.setsockopt(socket.IPPROTO_IPV6, 7, 6)  # IPV6_CHECKSUM at offset 6
    s.bind((dst, 0))
    s.sendto(udp, (src, 0))
else:
    s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_UDP)
    s.bind((dst, 0))
    s.sendto(udp, (src, 0))  # checksum 0 = none (IPv4)
log.write(f"{time.time():.6f} inject_tmmbr: sent CRAFTED TMMBR {pkt.hex()} from [{dst}]:{dport} "
          f"to [{src}]:{sport}: sender SSRC {found['rr_ssrc']:08x}, media SSRC {media_ssrc:08x}, "
          f"{mant}*2^{exp} bps, overhead {overhead}\n")
