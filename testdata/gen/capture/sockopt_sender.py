#!/usr/bin/python3
"""Send a short RTP stream over UDP with IP-level socket options, so that the *kernel*
builds IPv4 options and IPv6 extension headers (needs root: CAP_NET_RAW).

    sockopt_sender.py DST PORT [--count N] [--interval S] [--size BYTES] [--sport P]
                      [--ipv4-rr] [--ipv4-ts] [--hbh] [--dstopts] [--srh SEG]
                      [--big-every K --big-size BYTES] [--pmtudisc-dont]

--ipv4-rr      IP_OPTIONS = Record Route (type 7, room for 2 addresses) + NOP + EOL
--ipv4-ts      IP_OPTIONS = Timestamp (type 68, flag 0: timestamps only, room for 2)
--hbh          IPV6_HOPOPTS = Hop-by-Hop header: Router Alert (type 5, value 0) + PadN
--dstopts      IPV6_DSTOPTS = Destination Options header (after the routing header,
               in the fragmentable part): PadN carrying 4 zero bytes
--srh SEG      IPV6_RTHDR = Segment Routing Header (type 4) with the single segment
               SEG and Segments Left 0 (the only routing header type Linux lets a
               socket set without MIPv6)
--big-every K  every K-th packet has --big-size bytes of payload (fragmented by the
               kernel when larger than the path MTU)
Packets are RTP version 2, PT 96, one SSRC, sequence from 1000, timestamp += 3000.
"""
import argparse
import socket
import struct
import time

IPV6_HOPOPTS, IPV6_RTHDR, IPV6_DSTOPTS = 54, 57, 59

ap = argparse.ArgumentParser()
ap.add_argument("dst")
ap.add_argument("port", type=int)
ap.add_argument("--sport", type=int, default=0)
ap.add_argument("--count", type=int, default=20)
ap.add_argument("--interval", type=float, default=0.02)
ap.add_argument("--size", type=int, default=160)
ap.add_argument("--big-every", type=int, default=0)
ap.add_argument("--big-size", type=int, default=3000)
ap.add_argument("--ipv4-rr", action="store_true")
ap.add_argument("--ipv4-ts", action="store_true")
ap.add_argument("--hbh", action="store_true")
ap.add_argument("--dstopts", action="store_true")
ap.add_argument("--srh")
ap.add_argument("--pmtudisc-dont", action="store_true")
ap.add_argument("--ssrc", type=lambda x: int(x, 0), default=0x5A17C0DE)
a = ap.parse_args()

v6 = ":" in a.dst
s = socket.socket(socket.AF_INET6 if v6 else socket.AF_INET, socket.SOCK_DGRAM)
if a.sport:
    s.bind(("::" if v6 else "0.0.0.0", a.sport))
if a.pmtudisc_dont:
    if v6:
        s.setsockopt(socket.IPPROTO_IPV6, 23, 0)   # IPV6_MTU_DISCOVER = IPV6_PMTUDISC_DONT
    else:
        s.setsockopt(socket.IPPROTO_IP, 10, 0)       # IP_MTU_DISCOVER = IP_PMTUDISC_DONT
if a.ipv4_rr:
    # type 7, length 11, pointer 4, two empty address slots; NOP; EOL -> 13 bytes (+3 pad)
    s.setsockopt(socket.IPPROTO_IP, socket.IP_OPTIONS, bytes([7, 11, 4]) + bytes(8) + bytes([1, 0]))
if a.ipv4_ts:
    # type 68, length 12, pointer 5, overflow 0 / flag 0, two empty timestamp slots
    s.setsockopt(socket.IPPROTO_IP, socket.IP_OPTIONS, bytes([68, 12, 5, 0]) + bytes(8))
if a.hbh:
    # next header (filled in by the kernel), length 0 (8 bytes), Router Alert, PadN(0)
    s.setsockopt(socket.IPPROTO_IPV6, IPV6_HOPOPTS, bytes([0, 0, 5, 2, 0, 0, 1, 0]))
if a.srh:
    seg = socket.inet_pton(socket.AF_INET6, a.srh)
    # nh, hdr ext len 2 (24 bytes), type 4, segments left 0, last entry 0, flags 0, tag 0
    s.setsockopt(socket.IPPROTO_IPV6, IPV6_RTHDR, bytes([0, 2, 4, 0, 0, 0, 0, 0]) + seg)
if a.dstopts:
    s.setsockopt(socket.IPPROTO_IPV6, IPV6_DSTOPTS, bytes([0, 0, 1, 4, 0, 0, 0, 0]))
for i in range(a.count):
    size = a.big_size if a.big_every and i % a.big_every == a.big_every - 1 else a.size
    hdr = struct.pack("!BBHII", 0x80, 96 | (0x80 if size != a.size else 0), 1000 + i,
                      3000 * i, a.ssrc)
    payload = bytes((i + k) & 0xFF for k in range(size))
    s.sendto(hdr + payload, (a.dst, a.port))
    time.sleep(a.interval)
