#!/usr/bin/python3
"""Join two tun devices in two network namespaces (a user-space point-to-point link).

    tunlink.py NS_A TUN_A NS_B TUN_B

Opens TUN_A inside NS_A and TUN_B inside NS_B (both made by `ip tuntap add mode tun`,
i.e. without the packet information header) and copies every IP packet the kernel
writes to one into the other. tcpdump on either device sees LINKTYPE_RAW.
"""
import ctypes
import fcntl
import os
import select
import struct
import sys

CLONE_NEWNET = 0x40000000
TUNSETIFF = 0x400454CA
IFF_TUN = 0x0001
IFF_NO_PI = 0x1000
libc = ctypes.CDLL(None, use_errno=True)


def open_tun(ns, name):
    nsfd = os.open("/var/run/netns/" + ns, os.O_RDONLY)
    if libc.setns(nsfd, CLONE_NEWNET) != 0:
        raise OSError(ctypes.get_errno(), "setns " + ns)
    os.close(nsfd)
    fd = os.open("/dev/net/tun", os.O_RDWR)
    fcntl.ioctl(fd, TUNSETIFF, struct.pack("16sH", name.encode(), IFF_TUN | IFF_NO_PI))
    return fd


def main():
    ns_a, tun_a, ns_b, tun_b = sys.argv[1:5]
    fa = open_tun(ns_a, tun_a)
    fb = open_tun(ns_b, tun_b)
    peer = {fa: fb, fb: fa}
    print("tunlink ready", flush=True)
    while True:
        r, _, _ = select.select([fa, fb], [], [])
        for fd in r:
            os.write(peer[fd], os.read(fd, 65535))


if __name__ == "__main__":
    main()
