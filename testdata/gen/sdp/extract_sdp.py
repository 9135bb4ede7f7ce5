#!/usr/bin/env python3
"""Cut SDP bodies out of captured SIP (and MEGACO/H.248) messages, byte for byte.

  extract_sdp.py dump CAPTURE [OUTDIR]     every SDP found, one file per message
                                           (OUTDIR/FRAME[-N].sdp), for choosing
  extract_sdp.py extract                   re-create every file listed in
                                           ../../sdp/MANIFEST-captures.tsv
  extract_sdp.py --check                   verify those files against their captures

The UDP payload of the frame comes from tshark (-e udp.payload, i.e. the
datagram as sent, after IP reassembly). For SIP the body is the bytes after
the first CRLFCRLF, exactly Content-Length (or l:) bytes of them; nothing is
re-encoded or normalised. For MEGACO the SDP of a Local/Remote descriptor is
the bytes from the first "v=0" after the descriptor's "{" to the end of its
last line (the line break before the closing "}" included, the indentation and
brace not), i.e. what H.248 carries as SDP text; part N of a message is the
N-th descriptor.
MANIFEST-captures.tsv columns: file, capture (path relative to testdata/),
frame, part (1 for SIP), first line of the message.
"""
import os, re, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
TD = os.path.normpath(os.path.join(HERE, "../.."))
MANIFEST = os.path.join(TD, "sdp", "MANIFEST-captures.tsv")

def payloads(cap, frame=None):
    cmd = ["tshark", "-n", "-r", cap, "-T", "fields", "-e", "frame.number", "-e", "udp.payload"]
    if frame:
        cmd[4:4] = ["-Y", f"frame.number=={frame}"]
    else:
        cmd[4:4] = ["-Y", "sdp"]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        n, _, hexp = line.partition("\t")
        if hexp:
            yield int(n), bytes.fromhex(hexp.split(",")[-1])

def sdps(msg):
    """list of SDP byte strings in one message"""
    if msg.startswith(b"!/1") or msg.startswith(b"MEGACO/1"):
        res = []
        for m in re.finditer(rb"(?:\b[LlRr]|Local|Remote)\s*\{", msg):
            start = msg.find(b"v=0", m.end())
            end = msg.find(b"}", m.end())
            if start < 0 or start > end:
                continue
            body = msg[start:end]
            body = body[:body.rfind(b"\n") + 1]  # drop indentation before "}"
            res.append(body)
        return res
    head, sep, body = msg.partition(b"\r\n\r\n")
    if not sep:
        return []
    m = re.search(rb"^(?:Content-Length|l)\s*:\s*(\d+)", head, re.M | re.I)
    n = int(m.group(1)) if m else len(body)
    if not re.search(rb"^(?:Content-Type|c)\s*:\s*application/sdp", head, re.M | re.I):
        return []
    if len(body) < n:
        raise ValueError("body shorter than Content-Length")
    return [body[:n]]

def first_line(msg):
    return msg.split(b"\n", 1)[0].rstrip(b"\r").decode("latin-1")

def get(cap, frame, part):
    for n, p in payloads(cap, frame):
        return sdps(p)[part - 1], first_line(p)
    raise KeyError(f"{cap}: no frame {frame}")

def rows():
    for line in open(MANIFEST, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        f, cap, frame, part, _ = line.rstrip("\n").split("\t")
        yield f, cap, int(frame), int(part)

def main():
    a = sys.argv[1:]
    if a and a[0] == "dump":
        cap, out = a[1], a[2] if len(a) > 2 else "."
        os.makedirs(out, exist_ok=True)
        for n, p in payloads(cap):
            for i, s in enumerate(sdps(p), 1):
                name = f"{n}.sdp" if i == 1 else f"{n}-{i}.sdp"
                open(os.path.join(out, name), "wb").write(s)
                print(name, len(s), first_line(p)[:90], sep="\t")
    elif a and a[0] == "extract":
        for f, cap, frame, part in rows():
            s, _ = get(os.path.join(TD, cap), frame, part)
            open(os.path.join(TD, "sdp", f), "wb").write(s)
            print(f, len(s))
    elif a and a[0] == "--check":
        bad = 0
        for f, cap, frame, part in rows():
            s, _ = get(os.path.join(TD, cap), frame, part)
            ok = open(os.path.join(TD, "sdp", f), "rb").read() == s
            bad += not ok
            print("ok " if ok else "BAD", f)
        print(f"{sum(1 for _ in rows()) - bad} passed, {bad} failed")
        sys.exit(1 if bad else 0)
    else:
        print(__doc__); sys.exit(2)

main()
