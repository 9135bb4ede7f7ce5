#!/bin/bash
# Copy freshly made captures into testdata/captures/, trimmed the way the
# committed ones were (see ../captures/README.md). A new run gives new frame
# numbers: after this, packets/MANIFEST.tsv has to be revised by hand (pick the
# frames again with scan_capture.py) before running extract_packets.py.
#   trim_captures.sh RAWDIR     (RAWDIR holds chrome-*.pcap, gst-*.pcap, ffmpeg-*.pcap, ...)
#   trim_captures.sh --stun-dtls RAWDIR
#                               the STUN / TURN / DTLS captures (chrome/make_stun_dtls.sh,
#                               turn/make_all.sh, dtls/make_all.sh, aiortc/make_all.sh
#                               all pointed at RAWDIR)
#   trim_captures.sh --public PUBDIR
#                               the public STUN / DTLS captures (PUBDIR: the folder
#                               with ndpi/, see ../captures/README.md)
set -eu
OUT=$(cd "$(dirname "$0")/../captures" && pwd)
if [ "$1" = --stun-dtls ]; then
  RAW=$2
  # whole runs: page log, aiortc SDP log, client key logs next to each capture
  for c in chrome-dtls13 chrome-dtls13-nopqc chrome-dtls13-rsa4096 chrome-role-conflict chrome-ice-dtls \
           chrome-aiortc-offer chrome-aiortc-answer; do
    cp "$RAW/$c.pcap" "$OUT/"; cp "$RAW/$c.log" "$OUT/$c.page-log.jsonl"
  done
  for c in chrome-aiortc-offer chrome-aiortc-answer; do cp "$RAW/$c.aiortc.jsonl" "$OUT/"; done
  # TURN (relay only): first 400 frames (allocation, permissions, channels, ICE,
  # DTLS, first media), the refresh at 15 s (438 Stale Nonce) and the end (DTLS
  # close_notify, deallocation: Refresh lifetime 0)
  editcap -r "$RAW/chrome-turn-udp.pcap" "$OUT/chrome-turn-udp.pcap" 1-400 5790-5850 9400-9440
  cp "$RAW/chrome-turn-udp.log" "$OUT/chrome-turn-udp.page-log.jsonl"
  editcap -r "$RAW/chrome-turn-tcp.pcap" "$OUT/chrome-turn-tcp.pcap" 1-600
  cp "$RAW/chrome-turn-tcp.log" "$OUT/chrome-turn-tcp.page-log.jsonl"
  for c in udp send pad tcp ipv6 dual mobility dtls stunclient natdiscovery; do
    cp "$RAW/coturn-$c.pcap" "$OUT/"
  done
  for c in openssl-dtls12 openssl-dtls12-mtu300 openssl-dtls10 openssl-dtls12-resume gnutls-dtls12 gnutls-dtls12-cbc; do
    cp "$RAW/$c.pcap" "$RAW/$c.keylog" "$OUT/"
  done
  cp "$RAW/openssl-dtls12-alert.pcap" "$OUT/"
  ls -l "$OUT"
  exit 0
fi
if [ "$1" = --public ]; then
  PUB=$2; mkdir -p "$OUT/public/ndpi"
  for c in stun_classic.pcap stun_zoom.pcapng stun_signal.pcapng skype-conference-call.pcap; do
    cp "$PUB/ndpi/$c" "$OUT/public/ndpi/"
  done
  # Teams: only the STUN / MS-TURN datagrams of the 704 kB capture (the rest is TLS)
  tshark -r "$PUB/ndpi/teams.pcap" -Y stun -F pcap -w "$OUT/public/ndpi/teams-stun-only.pcap"
  ls -l "$OUT/public/ndpi"
  exit 0
fi
RAW=$1
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
