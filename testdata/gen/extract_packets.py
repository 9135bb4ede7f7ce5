#!/usr/bin/env python3
"""Re-extract every packet of testdata/packets from its capture and frame number.

    extract_packets.py            write packets/{rtp,rtcp,stun,turn,dtls}/NAME.bin and NAME.tshark.txt,
                                  and the table in packets/README.md
    extract_packets.py --check    only verify: every .bin equals the UDP payload of its
                                  frame, and tshark decodes it without a malformed/error
                                  expert item (unless the name contains "malformed")

The list is packets/MANIFEST.tsv (tab separated):
    file        path under packets/, e.g. rtcp/chrome-pli.bin
    capture     path under testdata/, e.g. captures/chrome-vp8.pcap
    frame       frame number in that capture (tshark numbering, from 1)
    decode      how tshark is told what the datagram is:
                  heur          rtp.heuristic_rtp only
                  rtp / rtcp    also -d udp.port==DSTPORT,rtp|rtcp (DSTPORT of that frame)
                  ...;pt=96:vp8 also -d rtp.pt==96,vp8 (and vp8 added to -O)
                  ...;srtp      nothing more: SRTP payload stays undecoded
                  ...;no=vp8    also --disable-protocol vp8 (when tshark's payload
                                dissector itself fails on a valid payload)
                  stun / turn / dtls
                                -d udp.port==DSTPORT,stun|stun|dtls ("turn" is
                                for TURN ChannelData, which tshark's STUN dissector decodes, as it
                                does classic RFC 3489 messages;
                                its payload goes to the heuristic dissectors: RTP, RTCP,
                                DTLS, STUN, enabled with --enable-heuristic dtls_stun,
                                rtp_stun, stun_turn); -O stun,classicstun,dtls(,rtp,rtcp
                                for turn)
                  ...;tcp       the frame is TCP: the .bin is cut from tcp.payload and the
                                port is given as -d tcp.port==DSTPORT,... The TCP segment must
                                hold the message alone, or use cut=:
                  ...;cut=OFF:LEN   the .bin is LEN bytes of the payload from offset OFF
                                (one message out of a TCP segment that carries several)
                  ...;keylog=F  also -o tls.keylog_file:F (F under testdata/): tshark
                                decrypts DTLS 1.0/1.2 records with the client's key log
    what        one-line description (checked against the tshark decoding by hand)
Needs tshark (Debian 12: 4.0.17). Run from anywhere.
"""
import os, re, shlex, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
TD = os.path.dirname(HERE)                     # testdata/
PK = os.path.join(TD, "packets")


def tshark(args):
    r = subprocess.run(["tshark"] + args, cwd=TD, capture_output=True, text=True)
    if r.returncode:
        raise SystemExit(f"tshark {' '.join(args)} failed: {r.stderr}")
    return r.stdout


def rows():
    for ln in open(os.path.join(PK, "MANIFEST.tsv")):
        if not ln.strip() or ln.startswith("#"):
            continue
        f = ln.rstrip("\n").split("\t")
        if len(f) != 5:
            raise SystemExit("bad MANIFEST line: " + ln)
        yield f[0], f[1], int(f[2]), f[3], f[4]


NEW = {"stun": "stun", "turn": "stun", "dtls": "dtls"}


def command(cap, frame, decode):
    base = ["-r", cap, "-Y", f"frame.number=={frame}", "-o", "rtp.heuristic_rtp:TRUE"]
    parts = decode.split(";")
    transport = "tcp" if "tcp" in parts else "udp"
    extra, olist = [], ["rtp", "rtcp"]
    if any(p in NEW for p in parts):
        olist = ["stun", "classicstun", "dtls"] + (["rtp", "rtcp"] if "turn" in parts else [])
    if "turn" in parts:
        # ChannelData payloads go to the "stun" heuristic table, whose DTLS, RTP and
        # STUN entries tshark 4.0 leaves off by default
        extra += ["--enable-heuristic", "dtls_stun", "--enable-heuristic", "rtp_stun",
                  "--enable-heuristic", "stun_turn"]
    for part in parts:
        if part in ("rtp", "rtcp") or part in NEW:
            port = tshark(base[:4] + ["-T", "fields", "-e", f"{transport}.dstport"]).strip()
            extra += ["-d", f"{transport}.port=={port},{NEW.get(part, part)}"]
        elif part == "tcp" or part.startswith("cut="):
            pass
        elif part.startswith("keylog="):
            extra += ["-o", "tls.keylog_file:" + part[7:]]
        elif part.startswith("pt="):
            pt, proto = part[3:].split(":")
            extra += ["-d", f"rtp.pt=={pt},{proto}"]
            olist.append(proto)
        elif part.startswith("no="):
            extra += ["--disable-protocol", part[3:]]
        elif part not in ("heur", "srtp"):
            raise SystemExit("bad decode " + decode)
    return base + extra + ["-V", "-O", ",".join(olist)]


def payload(cap, frame, decode):
    parts = decode.split(";")
    transport = "tcp" if "tcp" in parts else "udp"
    out = tshark(["-r", cap, "-Y", f"frame.number=={frame}", "-T", "fields", "-e", f"{transport}.payload"])
    h = out.strip().replace(":", "")
    if not h or "\n" in h:
        raise SystemExit(f"{cap} frame {frame}: no single {transport.upper()} payload")
    data = bytes.fromhex(h)
    for part in parts:
        if part.startswith("cut="):
            off, ln = (int(x) for x in part[4:].split(":"))
            if off + ln > len(data):
                raise SystemExit(f"{cap} frame {frame}: cut {part} beyond {len(data)} bytes")
            data = data[off:off + ln]
    return data


BAD = re.compile(r"Malformed|\[Expert Info \(Error|\[Expert Info \(Warning/Malformed")


def main():
    check = "--check" in sys.argv
    errors, table = 0, []
    for name, cap, frame, decode, what in rows():
        binp = os.path.join(PK, name)
        data = payload(cap, frame, decode)
        args = command(cap, frame, decode)
        decoded = tshark(args)
        cmdline = "tshark " + " ".join(shlex.quote(a) for a in args)
        txt = f"# {cmdline}\n# (run in testdata/)\n" + decoded
        bad = BAD.search(decoded)
        if bad and "malformed" not in name:
            print(f"MALFORMED? {name}: {bad.group(0)}")
            errors += 1
        txtp = binp[:-4] + ".tshark.txt"
        if check:
            if not os.path.exists(binp) or open(binp, "rb").read() != data:
                print(f"MISMATCH {name} != {cap} frame {frame}")
                errors += 1
            elif open(txtp).read() != txt:
                print(f"DECODING CHANGED {txtp[len(PK) + 1:]} (tshark output differs)")
                errors += 1
        else:
            os.makedirs(os.path.dirname(binp), exist_ok=True)
            open(binp, "wb").write(data)
            open(txtp, "w").write(txt)
        table.append(f"| `{name}` | `{cap}` | {frame} | {len(data)} | {what} |")
    if not check:
        rp = os.path.join(PK, "README.md")
        s = open(rp).read()
        a, b = "<!-- table:begin -->", "<!-- table:end -->"
        body = ("| file | capture | frame | bytes | what it is (from the tshark decoding next to it) |\n"
                "|---|---|---|---|---|\n" + "\n".join(table))
        s = s[:s.index(a) + len(a)] + "\n" + body + "\n" + s[s.index(b):]
        open(rp, "w").write(s)
    print(f"{len(table)} packets, {errors} problems")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
