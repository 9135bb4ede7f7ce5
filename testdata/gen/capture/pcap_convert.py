#!/usr/bin/python3
"""pcap rewrites with scapy 2.5 (python3-scapy): the records are read with scapy's
RawPcapReader and written with scapy's RawPcapWriter, which can write either byte order
and either timestamp precision.

    pcap_convert.py endian IN OUT          same records, big-endian file header and record
                                           headers (scapy RawPcapWriter endianness=">"),
                                           same precision (µs or ns magic) and snaplen
    pcap_convert.py null IN OUT            LINKTYPE_RAW / IPV4 / IPV6 capture -> LINKTYPE_NULL
    pcap_convert.py loop IN OUT            ... -> LINKTYPE_LOOP

null: each packet gets the 4-byte BSD loopback header, the address family in the
      file's (host's) byte order, little-endian here: AF_INET = 2 for IPv4; for IPv6 the
      value differs between BSDs and the IPv6 packets take them in turn: 24 (NetBSD,
      OpenBSD), 28 (FreeBSD, DragonFly), 30 (macOS/Darwin), 24, 28, ...
loop: OpenBSD's LINKTYPE_LOOP (108): the address family in network byte order,
      AF_INET = 2, AF_INET6 = 24.
Timestamps, captured and original lengths (+4 for the new header) are kept.
"""
import struct
import sys

from scapy.utils import RawPcapReader, RawPcapWriter

cmd, src, dst = sys.argv[1:4]
rd = RawPcapReader(src)
nano = bool(getattr(rd, "nano", False))
snaplen = rd.snaplen
if cmd == "endian":
    wr = RawPcapWriter(dst, linktype=rd.linktype, endianness=">", nano=nano, snaplen=snaplen)
elif cmd == "null":
    wr = RawPcapWriter(dst, linktype=0, endianness="<", nano=nano, snaplen=snaplen + 4)
elif cmd == "loop":
    wr = RawPcapWriter(dst, linktype=108, endianness="<", nano=nano, snaplen=snaplen + 4)
else:
    sys.exit("unknown command " + cmd)
wr.write_header(None)          # the file header (scapy writes it lazily otherwise)
v6_families = [24, 28, 30]
n6 = 0
for data, meta in rd:
    caplen, wirelen = meta.caplen, meta.wirelen
    if cmd in ("null", "loop"):
        ver = data[0] >> 4
        if ver == 4:
            fam = 2
        elif cmd == "loop":
            fam = 24
        else:
            fam = v6_families[n6 % 3]
            n6 += 1
        data = struct.pack("<I" if cmd == "null" else ">I", fam) + data
        caplen, wirelen = caplen + 4, wirelen + 4
    wr.write_packet(data, sec=meta.sec, usec=meta.usec, caplen=caplen, wirelen=wirelen)
wr.close()
