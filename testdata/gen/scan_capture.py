#!/usr/bin/env python3
"""Classify every UDP datagram of a capture (RFC 7983 demux + RTP/RTCP header walk).

    scan_capture.py CAPTURE [FILTER]

Prints one line per datagram: frame, ports, and a short description (STUN type and
attributes with lengths, TURN ChannelData, DTLS records incl. DTLS 1.3 unified
headers), e.g.
    412 35213>55111 RTP pt=96 seq=.. ssrc=.. M P cc=0 ext=BEDE[2:3,4:2,9:1] len=1012
    415 55111>35213 RTCP 205/15 (len 20) | 206/1 ...
Used to pick interesting frames; the reference decoding is tshark's.
"""
import signal, subprocess, sys, struct

signal.signal(signal.SIGPIPE, signal.SIG_DFL)

def rtp(b):
    v = b[0]
    p, x, cc = (v >> 5) & 1, (v >> 4) & 1, v & 15
    m, pt = b[1] >> 7, b[1] & 127
    seq, ts, ssrc = struct.unpack("!HII", b[2:12])
    off = 12 + 4 * cc
    ext = ""
    if x and len(b) >= off + 4:
        prof, ln = struct.unpack("!HH", b[off:off + 4])
        data = b[off + 4:off + 4 + 4 * ln]
        items = []
        i = 0
        if prof == 0xBEDE:
            while i < len(data):
                if data[i] == 0:
                    i += 1; continue
                eid, l = data[i] >> 4, (data[i] & 15) + 1
                if eid == 15: break
                items.append(f"{eid}:{l}"); i += 1 + l
            ext = "ext1[" + ",".join(items) + "]"
        elif prof & 0xFFF0 == 0x1000:
            while i + 1 < len(data):
                if data[i] == 0:
                    i += 1; continue
                eid, l = data[i], data[i + 1]
                items.append(f"{eid}:{l}"); i += 2 + l
            ext = "ext2[" + ",".join(items) + "]"
        else:
            ext = f"ext{prof:04x}"
        off += 4 + 4 * ln
    padlen = b[-1] if p else 0
    flags = ("M" if m else "") + ("P%d" % padlen if p else "")
    return (f"RTP pt={pt} seq={seq} ts={ts} ssrc={ssrc:08x} {flags} cc={cc} {ext} "
            f"payload={len(b) - off - padlen} first={b[off:off + 4].hex()}")

def rtcp(b):
    out = []
    i = 0
    while i + 4 <= len(b):
        v, pt, ln = b[i], b[i + 1], struct.unpack("!H", b[i + 2:i + 4])[0]
        out.append(f"{pt}/{v & 31}" + ("P" if v & 0x20 else "") + f"({4 * ln + 4})")
        i += 4 * ln + 4
    return "RTCP " + " ".join(out) + ("" if i == len(b) else f" TRAILING{len(b) - i}")

CT = {20: "CCS", 21: "Alert", 22: "HS", 23: "AppData", 24: "Heartbeat", 25: "tls12_cid", 26: "ACK"}


def dtls(b):
    """DTLS record walk: plaintext records (RFC 6347 13-byte header: content type,
    version, epoch, sequence number, length; handshake type/length/message_seq/
    fragment offset+length) and DTLS 1.3 unified headers (RFC 9147 4.1: 001CSLEE)."""
    out, i = [], 0
    while i < len(b):
        t = b[i]
        if 20 <= t <= 26 and i + 13 <= len(b):
            ver, ep = struct.unpack("!HH", b[i + 1:i + 5])
            ln = struct.unpack("!H", b[i + 11:i + 13])[0]
            d = f"{CT.get(t, t)} v={ver:04x} ep={ep} seq={int.from_bytes(b[i + 5:i + 11], 'big')} len={ln}"
            if t == 22 and ep == 0 and ln >= 12:
                h = b[i + 13:i + 25]
                d += (f" [hs{h[0]} mlen={int.from_bytes(h[1:4], 'big')} mseq={int.from_bytes(h[4:6], 'big')}"
                      f" off={int.from_bytes(h[6:9], 'big')} flen={int.from_bytes(h[9:12], 'big')}]")
            out.append(d); i += 13 + ln
        elif t & 0xE0 == 0x20:
            c, s16, l = t & 0x10, t & 0x08, t & 0x04
            j = i + 1 + (2 if s16 else 1)
            if c:
                out.append("unified C=1 (connection id: length unknown here)"); break
            if l:
                ln = struct.unpack("!H", b[j:j + 2])[0]; j += 2
            else:
                ln = len(b) - j
            out.append(f"unified[{t:02x} S={1 if s16 else 0} L={1 if l else 0} epoch&3={t & 3} len={ln}]")
            i = j + ln
        else:
            out.append(f"?{t:02x}"); break
    return "DTLS " + " | ".join(out) + ("" if i == len(b) else f" TRAILING{len(b) - i}")


def stun(b):
    if len(b) < 20:
        return "STUN short"
    typ, ln = struct.unpack("!HH", b[:4])
    if typ >= 0x4000:
        return f"ChannelData ch=0x{typ:04x} len={ln} pad={len(b) - 4 - ln}"
    cookie = b[4:8] == bytes.fromhex("2112a442")
    atts, i = [], 20
    while i + 4 <= len(b):
        at, al = struct.unpack("!HH", b[i:i + 4])
        atts.append(f"{at:04x}({al})"); i += 4 + al + (-al % 4)
    return f"STUN 0x{typ:04x}{'' if cookie else ' classic(no cookie)'} len={ln} " + ",".join(atts)


def main():
    cap = sys.argv[1]
    flt = sys.argv[2] if len(sys.argv) > 2 else "udp"
    r = subprocess.run(["tshark", "-r", cap, "-Y", flt, "-T", "fields", "-e", "frame.number",
                        "-e", "udp.srcport", "-e", "udp.dstport", "-e", "udp.payload"],
                       capture_output=True, text=True)
    for line in r.stdout.splitlines():
        f = line.split("\t")
        if len(f) < 4 or not f[3]:
            continue
        b = bytes.fromhex(f[3].replace(":", ""))
        d = "?"
        if b and b[0] < 4:
            d = stun(b)
        elif b and 64 <= b[0] <= 79:
            d = stun(b)
        elif b and 20 <= b[0] <= 63:
            d = dtls(b)
        elif b and 128 <= b[0] <= 191 and len(b) >= 12:
            d = rtcp(b) if 192 <= b[1] <= 223 else rtp(b)
        print(f"{f[0]} {f[1]}>{f[2]} len={len(b)} {d}")

if __name__ == "__main__":
    main()
