#!/usr/bin/env python3
"""Cut the SDP examples out of RFC texts into ../../sdp/rfc*.sdp (and fragments/).

  rfc_examples.py GITDIR [--check]

GITDIR is a git snapshot of github.com/Takashiidobe/ietf-rfcs (commit below):
src/NNNN.md is the RFC as published by the RFC Editor converted to Markdown
with pandoc; RFC figures are fenced code blocks whose content is the figure
text as in the RFC (checked against the plain-text RFC 8866). Older RFCs
(4568) are the plain-text RFC inside one fenced block per page.

What is taken from a figure, and how it becomes a file:
  * the figure's lines (for 4568: from the "v=0" line to the next blank line)
  * the common indentation is removed
  * blank lines are dropped (RFC 8829 Section 7: blank lines "have been added
    to improve readability but are not valid in SDP")
  * a line that still starts with white space continues the previous line
    (RFC 8829 Section 7, RFC 4568 Section 4, RFC 8839 "lines folded for
    readability"): it is joined to it with one space, or with nothing when
    the previous line ends in ":" or ";" (a fingerprint or a list of
    key-params split after a separator). None of these RFCs uses RFC 8792
    backslash folding.
  * for fragments with RFC annotations (RFC 8866 Sections 5.9-5.11 write
    " ; comment" after t=/r=/z= lines): the annotation is removed
  * every line is terminated with CRLF (the RFC shows lines, not terminators;
    SDP lines end in CRLF, RFC 8866 Section 5)
Nothing else is changed: a figure with an odd line (RFC 8853 Section 5.6.3
starts at "o=", without "v=0") is kept as printed.
"""
import os, re, subprocess, sys

COMMIT = "66225bd229aec63ed01d292ad77f5f9fbd2bce42"
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(HERE, "../../sdp"))

# (file, rfc, section, n-th SDP figure of that section (1-based), kind)
# kind: "sdp" (whole figure) | "txt" (old text RFC: from v=0 to blank line,
# n = n-th "v=0" of the document) | "frag" (goes to fragments/)
TABLE = [
    ("rfc8866-s5-example.sdp", 8866, "5", 2, "sdp"),
    ("rfc8866-s6.7-session-inactive-ipv6.sdp", 8866, "6.7", 1, "sdp"),
    ("rfc8829-s7.1-offer-A1.sdp", 8829, "7.1", 1, "sdp"),
    ("rfc8829-s7.1-answer-A1.sdp", 8829, "7.1", 2, "sdp"),
    ("rfc8829-s7.2-offer-B1.sdp", 8829, "7.2", 1, "sdp"),
    ("rfc8829-s7.2-answer-B1.sdp", 8829, "7.2", 2, "sdp"),
    ("rfc8829-s7.2-offer-B2.sdp", 8829, "7.2", 3, "sdp"),
    ("rfc8829-s7.2-answer-B2.sdp", 8829, "7.2", 4, "sdp"),
    ("rfc8829-s7.3-offer-C1.sdp", 8829, "7.3", 1, "sdp"),
    ("rfc8829-s7.3-answer-C1.sdp", 8829, "7.3", 2, "sdp"),
    ("rfc8829-s7.3-offer-C2.sdp", 8829, "7.3", 3, "sdp"),
    ("rfc8829-s7.3-answer-C2.sdp", 8829, "7.3", 4, "sdp"),
    ("rfc8853-s5.6.1-offer.sdp", 8853, "5.6.1", 1, "sdp"),
    ("rfc8853-s5.6.1-answer.sdp", 8853, "5.6.1", 2, "sdp"),
    ("rfc8853-s5.6.2-offer-multisource.sdp", 8853, "5.6.2", 1, "sdp"),
    ("rfc8853-s5.6.3-offer-redundancy-missing-v-line.sdp", 8853, "5.6.3", 1, "sdp"),
    ("rfc8843-s18.1-offer-tagged-mid-selection.sdp", 8843, "18.1", 1, "sdp"),
    ("rfc8843-s18.1-answer.sdp", 8843, "18.1", 2, "sdp"),
    ("rfc8843-s18.2-answer-bundle-rejected.sdp", 8843, "18.2", 2, "sdp"),
    ("rfc8843-s18.3-offer-add-mline-bundle-only.sdp", 8843, "18.3", 1, "sdp"),
    ("rfc8843-s18.3-answer.sdp", 8843, "18.3", 2, "sdp"),
    ("rfc8843-s18.4-offer-move-out-of-bundle.sdp", 8843, "18.4", 1, "sdp"),
    ("rfc8843-s18.4-answer.sdp", 8843, "18.4", 2, "sdp"),
    ("rfc8843-s18.5-offer-disable-mline-port-0.sdp", 8843, "18.5", 1, "sdp"),
    ("rfc8843-s18.5-answer.sdp", 8843, "18.5", 2, "sdp"),
    ("rfc8839-s4.2.6-candidates-folded.sdp", 8839, "4.2.6", 1, "sdp"),
    ("rfc8839-appA-offer-ipv6-link-local.sdp", 8839, "appendix.a", 2, "sdp"),
    ("rfc8839-appA-answer.sdp", 8839, "appendix.a", 4, "sdp"),
    ("rfc4568-s4-example-crypto-folded.sdp", 4568, None, 1, "txt"),
    ("rfc4568-s6.10-offer-two-crypto-mki.sdp", 4568, None, 2, "txt"),
    ("rfc4568-s6.10-answer.sdp", 4568, None, 3, "txt"),
    ("rfc3890-s6.7-tias-maxprate-rtsp.sdp", 3890, "Example of TIAS", 1, "txtpages"),
    ("rfc2705-s3.5.2-mgcp-nas-k-clear-no-origin.sdp", 2705, "k=clear:some-shared-secret", 1, "txtpages"),
    ("fragments/rfc8866-s5.9-two-t-lines.sdp", 8866, "5.9", 2, "frag"),
    ("fragments/rfc8866-s5.10-t-r.sdp", 8866, "5.10", 2, "frag"),
    ("fragments/rfc8866-s5.10-r-units.sdp", 8866, "5.10", 3, "frag"),
    ("fragments/rfc8866-s5.11-t-r-z.sdp", 8866, "5.11", 2, "frag"),
    ("fragments/rfc8866-s5.7-three-c-ipv6-multicast.sdp", 8866, "5.7", 6, "frag"),
    ("fragments/rfc8866-s5.14-m-port-count-two-c.sdp", 8866, "5.14", 5, "frag"),
    ("fragments/rfc8851-s8.3-rid-pt-restrictions.sdp", 8851, "8.3", 1, "frag"),
]

def md(git, rfc):
    return subprocess.run(["git", "-C", git, "show", f"{COMMIT}:src/{rfc}.md"],
                          capture_output=True, text=True, check=True).stdout

def figures(text, section):
    """SDP-looking fenced blocks of one section, in order"""
    res = []
    for m in re.finditer(r"```[^\n]*\n(.*?)```", text, re.S):
        b = m.group(1)
        if not re.search(r"^\s*[a-z]=", b, re.M):
            continue
        secs = re.findall(r"\{#section-([0-9a-z.]+) \.section\}", text[:m.start()])
        if secs and secs[-1] == section:
            res.append(b)
    return res

def to_sdp(lines, strip_comments=False):
    lines = [l.rstrip() for l in lines]
    if strip_comments:
        lines = [re.sub(r"\s*;\s.*$", "", l) if not re.match(r"\s*;", l) else "" for l in lines]
    lines = [l for l in lines if l.strip()]
    ind = min(len(l) - len(l.lstrip()) for l in lines)
    out = []
    for l in (l[ind:] for l in lines):
        if l[0].isspace() and out:
            sep = "" if out[-1].endswith((":", ";")) else " "
            out[-1] += sep + l.strip()
        else:
            out.append(l)
    return "".join(l + "\r\n" for l in out).encode("utf-8")

def build(git):
    res, cache = {}, {}
    for f, rfc, sec, n, kind in TABLE:
        text = cache.setdefault(rfc, md(git, rfc))
        if kind == "txtpages":
            # old text RFC, figure may run over a page break: from the "v=0"
            # before the marker text to the next blank line that is followed
            # by prose; page footer/header lines and the Markdown fences
            # around pages are dropped. A line that does not start with
            # "x=" continues the previous one (RFC 3890 wraps an a=fmtp line).
            at = text.find(sec)
            start = text.rfind("v=0", 0, at)
            start = text.rfind("\n", 0, start) + 1
            out, blank = [], False
            for l in text[start:].split("\n"):
                t = l.strip()
                if re.match(r"^(RFC \d+ |\S.*\[Page \d+\]$|```|-{10,}|newpage)", t):
                    continue
                if not t:
                    blank = True
                    continue
                if re.match(r"^[a-z]=", t):
                    out.append(t)
                elif blank or not out:
                    break  # prose after a blank line ends the figure
                else:
                    out[-1] += ("" if out[-1].endswith((":", ";")) else " ") + t
                blank = False
            res[f] = "".join(x + "\r\n" for x in out).encode("utf-8")
        elif kind == "txt":
            allv = [m.start() for m in re.finditer(r"^ *v=0$", text, re.M)]
            start = allv[n - 1]
            end = text.find("\n\n", start)
            lines = text[start:end].split("\n")
            res[f] = to_sdp(lines)
        else:
            fig = figures(text, sec)[n - 1]
            res[f] = to_sdp(fig.split("\n"), strip_comments=(rfc == 8866 and kind == "frag"))
    return res

def main():
    git = sys.argv[1]
    check = "--check" in sys.argv
    bad = 0
    for f, data in build(git).items():
        p = os.path.join(OUT, f)
        if check:
            ok = open(p, "rb").read() == data
            bad += not ok
            print("ok " if ok else "BAD", f)
        else:
            os.makedirs(os.path.dirname(p), exist_ok=True)
            open(p, "wb").write(data)
            print(f, len(data))
    if check:
        print(f"{len(TABLE) - bad} passed, {bad} failed")
        sys.exit(1 if bad else 0)

main()
