#!/usr/bin/python3
"""Bind UDP ports and read (optionally echo) what arrives, so that captured datagrams do
not draw ICMP port-unreachable answers.

    udpsink.py [--echo] [--seconds N] ADDR:PORT ...     (ADDR may be an IPv6 literal in [])
"""
import argparse
import select
import socket
import time

ap = argparse.ArgumentParser()
ap.add_argument("--echo", action="store_true", help="send every datagram back to its sender")
ap.add_argument("--seconds", type=float, default=60)
ap.add_argument("binds", nargs="+")
a = ap.parse_args()
socks = []
for b in a.binds:
    host, port = b.rsplit(":", 1)
    fam = socket.AF_INET6 if host.startswith("[") else socket.AF_INET
    s = socket.socket(fam, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)
    s.bind((host.strip("[]"), int(port)))
    socks.append(s)
print("sink ready", flush=True)
end = time.time() + a.seconds
while time.time() < end:
    r, _, _ = select.select(socks, [], [], 0.5)
    for s in r:
        data, peer = s.recvfrom(65535)
        if a.echo:
            s.sendto(data, peer)
