#!/usr/bin/python3
"""Make a damaged copy of a capture, changing as little as possible, and say exactly what
was changed (one TSV line on stdout: output file, what, byte offset, old bytes, new bytes).

    damage.py cut IN OUT                  pcap/pcapng: cut the file in the middle of its
                                          last record's packet data (half of it kept)
    damage.py past-eof IN OUT --record K  pcap: record K's (1-based) incl_len set so that its
                                          data would run 100 bytes past the end of the file
    damage.py blocklen IN OUT --record K  pcapng: the K-th packet block's (EPB/SPB, 1-based)
                                          leading Block Total Length set to 8 (below the
                                          12-byte minimum of any block; trailer untouched)
    damage.py ihl IN OUT --record K [--ihl 4]
                                          pcap, Ethernet: IPv4 IHL of record K set (< 5)
    damage.py totlen IN OUT --record K [--extra 200]
                                          pcap, Ethernet: IPv4 Total Length of record K set
                                          to (caplen - 14) + extra, i.e. past the captured
                                          bytes; header checksum left as it was (stale)
Offsets are byte offsets in the file, counted from 0; values are shown as hex bytes in
file order.
"""
import argparse
import struct
import sys


def pcap_records(raw):
    """-> (endian, [(record_offset, caplen)]) for a pcap file."""
    magic = raw[:4]
    e = "<" if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1") else ">"
    recs, p = [], 24
    while p + 16 <= len(raw):
        cap = struct.unpack_from(e + "I", raw, p + 8)[0]
        recs.append((p, cap))
        p += 16 + cap
    return e, recs


def pcapng_packet_blocks(raw):
    """-> (endian, [(block_offset, block_type, block_length)]) of EPB/SPB blocks."""
    out, p, e = [], 0, "<"
    while p + 12 <= len(raw):
        if raw[p:p + 4] == b"\x0a\x0d\x0d\x0a":
            e = "<" if raw[p + 8:p + 12] == b"\x4d\x3c\x2b\x1a" else ">"
        t, ln = struct.unpack_from(e + "II", raw, p)
        if t in (3, 6):
            out.append((p, t, ln))
        p += ln
    return e, out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("cmd", choices=["cut", "past-eof", "blocklen", "ihl", "totlen"])
    ap.add_argument("inp")
    ap.add_argument("out")
    ap.add_argument("--record", type=int, default=1)
    ap.add_argument("--ihl", type=int, default=4)
    ap.add_argument("--extra", type=int, default=200)
    a = ap.parse_args()
    raw = bytearray(open(a.inp, "rb").read())
    is_ng = raw[:4] == b"\x0a\x0d\x0d\x0a"

    def change(off, new, what):
        old = bytes(raw[off:off + len(new)])
        raw[off:off + len(new)] = new
        print("%s\t%s\t%d\t%s\t%s" % (a.out.rsplit("/", 1)[-1], what, off, old.hex(" "), new.hex(" ")))

    if a.cmd == "cut":
        if is_ng:
            e, blocks = pcapng_packet_blocks(raw)
            off, t, ln = blocks[-1]
            data = off + (28 if t == 6 else 12)
            caplen = struct.unpack_from(e + "I", raw, off + 20)[0] if t == 6 else ln - 16
        else:
            e, recs = pcap_records(raw)
            off, caplen = recs[-1]
            data = off + 16
        cut = data + caplen // 2
        print("%s\tfile cut at byte %d (inside the last %s, whose data starts at %d and is "
              "%d bytes long)\t%d\t(file size %d)\t(file size %d)" % (
                  a.out.rsplit("/", 1)[-1], cut, "block" if is_ng else "record", data, caplen,
                  cut, len(raw), cut))
        raw = raw[:cut]
    elif a.cmd == "past-eof":
        e, recs = pcap_records(raw)
        off, caplen = recs[a.record - 1]
        new = len(raw) - (off + 16) + 100
        change(off + 8, struct.pack(e + "I", new),
               "record %d incl_len %d -> %d (its data would end 100 bytes past the end of "
               "the file)" % (a.record, caplen, new))
    elif a.cmd == "blocklen":
        e, blocks = pcapng_packet_blocks(raw)
        off, t, ln = blocks[a.record - 1]
        change(off + 4, struct.pack(e + "I", 8),
               "packet block %d (type %d) Block Total Length %d -> 8" % (a.record, t, ln))
    elif a.cmd in ("ihl", "totlen"):
        e, recs = pcap_records(raw)
        off, caplen = recs[a.record - 1]
        ip = off + 16 + 14
        if struct.unpack_from("!H", raw, off + 16 + 12)[0] != 0x0800:
            sys.exit("record %d is not Ethernet/IPv4" % a.record)
        if a.cmd == "ihl":
            b0 = raw[ip]
            change(ip, bytes([(b0 & 0xF0) | a.ihl]),
                   "record %d IPv4 version/IHL byte: IHL %d -> %d" % (a.record, b0 & 15, a.ihl))
        else:
            old = struct.unpack_from("!H", raw, ip + 2)[0]
            new = caplen - 14 + a.extra
            change(ip + 2, struct.pack("!H", new),
                   "record %d IPv4 Total Length %d -> %d (captured IPv4 bytes: %d)" % (
                       a.record, old, new, caplen - 14))
    open(a.out, "wb").write(raw)


if __name__ == "__main__":
    main()
