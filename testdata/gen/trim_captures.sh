#!/bin/bash
# Copy freshly made captures into testdata/captures/, trimmed the way the
# committed ones were (see ../captures/README.md). A new run gives new frame
# numbers: after this, packets/MANIFEST.tsv has to be revised by hand (pick the
# frames again with scan_capture.py) before running extract_packets.py.
#   trim_captures.sh RAWDIR     (RAWDIR holds chrome-*.pcap, gst-*.pcap, ffmpeg-*.pcap, ...)
set -eu
RAW=$1
OUT=$(cd "$(dirname "$0")/../captures" && pwd)
first() { editcap -r "$RAW/$1.pcap" "$OUT/$1.pcap" "1-$2"; }
for c in chrome-vp9 chrome-h264 chrome-av1 chrome-simulcast chrome-twobyte chrome-rfc8888; do first $c 400; done
for c in chrome-vp8-l1t3 chrome-av1-l1t3; do first $c 100; done
first chrome-remb-fir 1160
first chrome-tmmbn 1340
first ffmpeg-opus-h264 150
cp "$RAW/chrome-vp8.pcap" "$RAW/chrome-vp8.dropped.pcap" "$OUT/"
editcap -r "$RAW/gst-twcc-big.pcap" "$OUT/gst-twcc-big-frames2300-2790.pcap" 2300-2790
cp "$RAW/gst-twcc-big.dropped.pcap" "$OUT/"
for c in gst-vp8-twcc-rtx gst-vp8-fir; do cp "$RAW/$c.pcap" "$RAW/$c.dropped.pcap" "$OUT/"; done
for c in gst-multi-opus gst-multi-sr gst-csrc-relay gst-h264 gst-vp9 baresip-call linphone-call; do cp "$RAW/$c.pcap" "$OUT/"; done
for f in "$RAW"/chrome-*.log; do b=$(basename "$f" .log); cp "$f" "$OUT/$b.page-log.jsonl"; done
[ -f "$RAW/chrome-tmmbn.inject.log" ] && cp "$RAW/chrome-tmmbn.inject.log" "$OUT/"
ls -l "$OUT"
