#!/usr/bin/python3
"""pcapng block surgery for the pcapng variants no tool on the capture machine writes.

    pcapng_tool.py dump IN                      list sections, blocks and options
    pcapng_tool.py swap IN OUT                  every section in the other byte order
    pcapng_tool.py tsresol IN OUT --pow2 N      if_tsresol = 2^-N (0x80|N) on every IDB
    pcapng_tool.py tsoffset IN OUT --seconds S  if_tsoffset = S on every IDB
    pcapng_tool.py spb IN OUT                   Enhanced Packet Blocks -> Simple Packet Blocks

Every block is parsed field by field (SHB, IDB, EPB, SPB, ISB, NRB, DSB) with its
options; unknown block types or options of unknown layout stop the tool rather than
being copied blindly.  Re-serialisation recomputes lengths and padding and keeps the
order of blocks and options; numbers are written in the section's byte order (the SHB's
byte-order magic), strings and addresses as they were.

swap:     the same file, read by a reader of the other byte order: SHB magic, block
          types and lengths, every numeric field and numeric option value swapped;
          and, as a capture written on a host of the other byte order would hold them,
          the host-order parts of packet data: the 4-byte address family of
          LINKTYPE_NULL frames and the TLV length/type fields of LINKTYPE_NFLOG frames
          (what Wireshark's reader swaps back: pcap_byteswap_nflog_pseudoheader).
tsresol:  EPB/ISB timestamps (and isb_starttime/isb_endtime) are converted from the
          IDB's resolution to 2^-N s units, rounding down (floor(t * 2^N / units)).
tsoffset: S seconds are subtracted from every EPB/ISB timestamp of the interface and
          if_tsoffset = S is added to its IDB, so that timestamp + offset is the
          original absolute time (pcapng spec: if_tsoffset is added to each timestamp).
spb:      needs sections with exactly one IDB; each EPB becomes an SPB holding
          min(original length, IDB snaplen) bytes (an SPB has no captured length: a
          reader derives it from the block length and the snaplen) -- the EPB's
          timestamp, captured length and options are lost.
"""
import argparse
import struct
import sys

SHB, IDB, PB, SPB, NRB, ISB, EPB, DSB = 0x0A0D0D0A, 1, 2, 3, 4, 5, 6, 0x0A
MAGIC = 0x1A2B3C4D

# option layouts: code -> kind ('s' utf-8 string, 'b' bytes copied as they are,
# 'u8' 'u16' 'u32' 'u64' 'i64' numbers, 'ts' two u32 (high, low), 'filter' 1 byte + bytes)
COMMON = {1: "s", 2988: "b", 2989: "b", 19372: "b", 19373: "b"}
OPTS = {
    SHB: {2: "s", 3: "s", 4: "s"},
    IDB: {2: "s", 3: "s", 4: "b", 5: "b", 6: "b", 7: "b", 8: "u64", 9: "u8", 10: "u32",
          11: "filter", 12: "s", 13: "u8", 14: "i64", 15: "s", 16: "u64", 17: "u64"},
    EPB: {2: "u32", 3: "b", 4: "u64", 5: "u64", 6: "u32", 7: "b"},
    ISB: {2: "ts", 3: "ts", 4: "u64", 5: "u64", 6: "u64", 7: "u64", 8: "u64"},
    NRB: {2: "s", 3: "b", 4: "b"},
    DSB: {},
}
NUM = {"u8": "B", "u16": "H", "u32": "I", "u64": "Q", "i64": "q"}


class Opt:
    def __init__(self, code, kind, value):
        self.code, self.kind, self.value = code, kind, value

    def __repr__(self):
        return "opt%d=%r" % (self.code, self.value)


def parse_opts(btype, buf, e):
    opts, p = [], 0
    while p + 4 <= len(buf):
        code, ln = struct.unpack_from(e + "HH", buf, p)
        val = buf[p + 4:p + 4 + ln]
        p += 4 + ln + (-ln % 4)
        if code == 0:
            break
        kind = COMMON.get(code) or OPTS[btype].get(code)
        if kind is None:
            sys.exit("unknown option %d in block type %#x" % (code, btype))
        if kind in NUM:
            v = struct.unpack(e + NUM[kind], val)[0]
        elif kind == "ts":
            v = struct.unpack(e + "II", val)
        elif kind == "s":
            v = val.decode()
        else:
            v = bytes(val)
        opts.append(Opt(code, kind, v))
    return opts


def build_opts(opts, e):
    out = b""
    for o in opts:
        if o.kind in NUM:
            val = struct.pack(e + NUM[o.kind], o.value)
        elif o.kind == "ts":
            val = struct.pack(e + "II", *o.value)
        elif o.kind == "s":
            val = o.value.encode()
        else:
            val = o.value
        out += struct.pack(e + "HH", o.code, len(val)) + val + bytes(-len(val) % 4)
    if opts:
        out += struct.pack(e + "HH", 0, 0)
    return out


def pad(b):
    return b + bytes(-len(b) % 4)


class Block:
    """One block: type, fixed fields (dict), data (packet / records / secrets), options."""

    def __init__(self, btype, fields, data=b"", opts=None):
        self.type, self.f, self.data, self.opts = btype, fields, data, opts or []

    def __repr__(self):
        return "%#x %r data=%d %r" % (self.type, self.f, len(self.data), self.opts)


def read_file(path):
    """-> list of sections: (endian, [Block...]) with the SHB first."""
    raw = open(path, "rb").read()
    sections, p, e = [], 0, None
    while p < len(raw):
        btype_le = struct.unpack_from("<I", raw, p)[0]
        if btype_le == SHB:
            magic = raw[p + 8:p + 12]
            e = "<" if struct.unpack("<I", magic)[0] == MAGIC else ">"
            sections.append((e, []))
        btype, blen = struct.unpack_from(e + "II", raw, p)
        body = raw[p + 8:p + blen - 4]
        if struct.unpack_from(e + "I", raw, p + blen - 4)[0] != blen:
            sys.exit("trailing block length mismatch at %d" % p)
        sections[-1][1].append(parse_block(btype, body, e))
        p += blen
    return sections


def parse_block(t, b, e):
    if t == SHB:
        _, major, minor, slen = struct.unpack_from(e + "IHHq", b, 0)
        return Block(t, {"major": major, "minor": minor, "section_length": slen},
                     opts=parse_opts(t, b[16:], e))
    if t == IDB:
        lt, res, snap = struct.unpack_from(e + "HHI", b, 0)
        return Block(t, {"linktype": lt, "reserved": res, "snaplen": snap},
                     opts=parse_opts(t, b[8:], e))
    if t == EPB:
        ifid, hi, lo, cap, orig = struct.unpack_from(e + "5I", b, 0)
        return Block(t, {"if": ifid, "ts": (hi << 32) | lo, "caplen": cap, "origlen": orig},
                     b[20:20 + cap], parse_opts(t, b[20 + cap + (-cap % 4):], e))
    if t == SPB:
        orig = struct.unpack_from(e + "I", b, 0)[0]
        return Block(t, {"origlen": orig}, b[4:])
    if t == ISB:
        ifid, hi, lo = struct.unpack_from(e + "3I", b, 0)
        return Block(t, {"if": ifid, "ts": (hi << 32) | lo}, opts=parse_opts(t, b[12:], e))
    if t == NRB:
        p, recs = 0, []
        while True:
            rt, rl = struct.unpack_from(e + "HH", b, p)
            p += 4
            if rt == 0:
                break
            recs.append((rt, bytes(b[p:p + rl])))
            p += rl + (-rl % 4)
        return Block(t, {"records": recs}, opts=parse_opts(t, b[p:], e))
    if t == DSB:
        st, sl = struct.unpack_from(e + "II", b, 0)
        return Block(t, {"secrets_type": st}, b[8:8 + sl], parse_opts(t, b[8 + sl + (-sl % 4):], e))
    sys.exit("unknown block type %#x" % t)


def build_block(blk, e):
    t, f = blk.type, blk.f
    if t == SHB:
        body = struct.pack(e + "IHHq", MAGIC, f["major"], f["minor"], f["section_length"])
    elif t == IDB:
        body = struct.pack(e + "HHI", f["linktype"], f["reserved"], f["snaplen"])
    elif t == EPB:
        body = struct.pack(e + "5I", f["if"], f["ts"] >> 32, f["ts"] & 0xFFFFFFFF,
                           len(blk.data), f["origlen"]) + pad(blk.data)
    elif t == SPB:
        body = struct.pack(e + "I", f["origlen"]) + pad(blk.data)
    elif t == ISB:
        body = struct.pack(e + "3I", f["if"], f["ts"] >> 32, f["ts"] & 0xFFFFFFFF)
    elif t == NRB:
        body = b"".join(struct.pack(e + "HH", rt, len(v)) + pad(v) for rt, v in f["records"])
        body += struct.pack(e + "HH", 0, 0)
    elif t == DSB:
        body = struct.pack(e + "II", f["secrets_type"], len(blk.data)) + pad(blk.data)
    body += build_opts(blk.opts, e)
    n = len(body) + 12
    return struct.pack(e + "II", t, n) + body + struct.pack(e + "I", n)


def write_file(path, sections):
    with open(path, "wb") as out:
        for e, blocks in sections:
            for b in blocks:
                out.write(build_block(b, e))


def swap_host_order(linktype, d):
    """Swap the host-byte-order fields inside packet data of some link types."""
    d = bytearray(d)
    if linktype == 0 and len(d) >= 4:              # NULL: address family, host order
        d[0:4] = d[0:4][::-1]
    elif linktype == 239 and len(d) >= 4:          # NFLOG: 4-byte header, then TLVs
        p = 4
        while p + 4 <= len(d):
            ln = struct.unpack_from("=H", d, p)[0]
            d[p:p + 2] = d[p:p + 2][::-1]
            d[p + 2:p + 4] = d[p + 2:p + 4][::-1]
            if ln < 4:
                break
            p += ln + (-ln % 4)
    return bytes(d)


def units(idb):
    """time units per second of an IDB (if_tsresol, default 10^6)."""
    for o in idb.opts:
        if o.code == 9:
            v = o.value
            return 2 ** (v & 0x7F) if v & 0x80 else 10 ** v
    return 10 ** 6


def set_opt(blk, code, kind, value):
    for o in blk.opts:
        if o.code == code:
            o.value = value
            return
    # keep comments first, then the rest; append before nothing (end marker is implicit)
    blk.opts.append(Opt(code, kind, value))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("cmd", choices=["dump", "swap", "tsresol", "tsoffset", "spb"])
    ap.add_argument("inp")
    ap.add_argument("out", nargs="?")
    ap.add_argument("--pow2", type=int, default=20)
    ap.add_argument("--seconds", type=int, default=0)
    a = ap.parse_args()
    sections = read_file(a.inp)
    if a.cmd == "dump":
        for i, (e, blocks) in enumerate(sections):
            print("section %d (%s)" % (i, "little-endian" if e == "<" else "big-endian"))
            for b in blocks:
                print("  ", b if b.type not in (EPB, SPB) else
                      "%#x %r caplen=%d opts=%r" % (b.type, b.f, len(b.data), b.opts))
        return
    if a.cmd == "swap":
        for e, blocks in sections:
            lts = [b.f["linktype"] for b in blocks if b.type == IDB]
            for b in blocks:
                if b.type == EPB:
                    b.data = swap_host_order(lts[b.f["if"]], b.data)
        sections = [(">" if e == "<" else "<", blocks) for e, blocks in sections]
    for e, blocks in sections:
        idbs = [b for b in blocks if b.type == IDB]
        if a.cmd == "tsresol":
            old = [units(i) for i in idbs]
            new = 2 ** a.pow2
            for i in idbs:
                set_opt(i, 9, "u8", 0x80 | a.pow2)
            for b in blocks:
                if b.type in (EPB, ISB):
                    b.f["ts"] = b.f["ts"] * new // old[b.f["if"]]
                    for o in b.opts:
                        if o.kind == "ts":
                            t = ((o.value[0] << 32) | o.value[1]) * new // old[b.f["if"]]
                            o.value = (t >> 32, t & 0xFFFFFFFF)
        elif a.cmd == "tsoffset":
            for i in idbs:
                set_opt(i, 14, "i64", a.seconds)
            for b in blocks:
                if b.type in (EPB, ISB):
                    u = units(idbs[b.f["if"]])
                    b.f["ts"] -= a.seconds * u
                    for o in b.opts:
                        if o.kind == "ts":
                            t = ((o.value[0] << 32) | o.value[1]) - a.seconds * u
                            o.value = (t >> 32, t & 0xFFFFFFFF)
                    if b.f["ts"] < 0 or any(o.kind == "ts" and o.value[0] < 0 for o in b.opts):
                        sys.exit("tsoffset: a timestamp would become negative")
        elif a.cmd == "spb":
            if len(idbs) != 1:
                sys.exit("spb: a section needs exactly one IDB")
            snap = idbs[0].f["snaplen"] or 0xFFFFFFFF
            for k, b in enumerate(blocks):
                if b.type == EPB:
                    blocks[k] = Block(SPB, {"origlen": b.f["origlen"]},
                                      b.data[:min(b.f["origlen"], snap)])
                elif b.type == ISB:
                    blocks[k] = None
            blocks[:] = [b for b in blocks if b is not None]
    write_file(a.out, sections)


if __name__ == "__main__":
    main()
