#!/usr/bin/env python3
"""Print the ICE credentials and DTLS fingerprints of a recorded call, from its SDP.

    sdp_credentials.py captures/chrome-dtls13.page-log.jsonl [...]

For the loopback page's log (../captures/*.page-log.jsonl): the "sdp" event holds
the offer (pc1, or Chromium in the aiortc runs) and the answer (pc2, or aiortc).
Prints one Markdown table row per peer: capture, peer, a=ice-ufrag, a=ice-pwd,
a=fingerprint, a=setup. ICE short-term credentials: a Binding request from peer A
to peer B has USERNAME "B-ufrag:A-ufrag" and its MESSAGE-INTEGRITY is keyed with
B's ice-pwd (RFC 8445 7.2.2); the response is keyed with the same password.
"""
import json, os, re, sys


def first(pat, sdp):
    m = re.search(pat, sdp, re.M)
    return m.group(1).strip() if m else "-"


for path in sys.argv[1:]:
    name = os.path.basename(path).split(".")[0]
    evs = [json.loads(l) for l in open(path) if l.strip()]
    q = next((e.get("q", "") for e in evs if e.get("ev") == "start"), "")
    who = {"remote=offer": ("Chromium (offer)", "aiortc (answer)"),
           "remote=answer": ("aiortc (offer)", "Chromium (answer)")}
    names = next((v for k, v in who.items() if k in q), ("pc1 (offer)", "pc2 (answer)"))
    for ev in evs:
        if ev.get("ev") != "sdp":
            continue
        for w, sdp in zip(names, (ev["offer"], ev["answer"])):
            print(f"| `{name}` | {w} | `{first('^a=ice-ufrag:(.*)$', sdp)}` | "
                  f"`{first('^a=ice-pwd:(.*)$', sdp)}` | `{first('^a=fingerprint:(.*)$', sdp)}` | "
                  f"{first('^a=setup:(.*)$', sdp)} |")
