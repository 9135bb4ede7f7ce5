#!/usr/bin/env python3
"""Writes wrap-reorder.pcap: one Opus-like RTP stream (PT 111, SSRC 0x1111, +960 per
packet) sent as 65533 65534 65535 0 1, with 65534 delayed to arrive last; packets
20 ms apart on 192.0.2.1:5000 -> 192.0.2.2:6000 (Ethernet, classic pcap, µs)."""
import struct

def frame(seq, ts, t):
    rtp = struct.pack('!BBHII', 0x80, 111, seq, ts, 0x1111) + bytes(20)
    udp = struct.pack('!HHHH', 5000, 6000, 8 + len(rtp), 0) + rtp
    ip = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(udp), 0, 0, 64, 17, 0,
                     bytes([192, 0, 2, 1]), bytes([192, 0, 2, 2])) + udp
    eth = bytes(12) + b'\x08\x00' + ip
    sec, usec = 1700000000 + int(t), int(round((t - int(t)) * 1e6))
    return struct.pack('<IIII', sec, usec, len(eth), len(eth)) + eth

# (sequence number, index in sending order)
arrival = [(65533, 0), (65535, 2), (0, 3), (1, 4), (65534, 1)]
data = struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1)
for i, (seq, k) in enumerate(arrival):
    data += frame(seq, 10000 + 960 * k, 0.02 * i)
with open('wrap-reorder.pcap', 'wb') as f:
    f.write(data)
