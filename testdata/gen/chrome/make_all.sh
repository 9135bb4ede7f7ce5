#!/bin/bash
# Remake all Chromium loopback captures into DIR (default /tmp/cap/chrome).
# Each run: name | page query | percent of large datagrams dropped | extra flags
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
DIR=${1:-/tmp/cap/chrome}; mkdir -p "$DIR"
F=--disable-webrtc-encryption
# BLACKOUT=START:DUR adds a total outage of large datagrams, INJECT_TMMBR=SECONDS
# one crafted TMMBR (stimulus for TMMBN) (see run_chrome.sh)
run() { "$HERE/run_chrome.sh" "$DIR/$1" "$2" "$3" $F "${@:4}"; }
BLACKOUT=5:4 run chrome-vp8 "codec=VP8&secs=14&maxbitrate=500000" 5
run chrome-vp9      "codec=VP9&secs=12&maxbitrate=500000&svc=L3T3_KEY" 5
run chrome-h264     "codec=H264&secs=12&maxbitrate=500000" 5
run chrome-av1      "codec=AV1&secs=12&maxbitrate=500000" 3
run chrome-vp8-l1t3  "codec=VP8&secs=6&maxbitrate=500000&svc=L1T3" 0
run chrome-av1-l1t3  "codec=AV1&secs=6&maxbitrate=500000&svc=L1T3" 0
run chrome-simulcast "codec=VP8&secs=8&maxbitrate=300000&simulcast=1" 0
run chrome-twobyte  "codec=VP8&secs=6&maxbitrate=300000&twobyte=1" 0
BLACKOUT=5:4 run chrome-remb-fir "codec=VP8&secs=14&maxbitrate=500000&strip=transport-cc,draft-holmer-rmcat-transport-wide-cc-extensions-01,nack%20pli" 5
INJECT_TMMBR=4 run chrome-tmmbn "codec=VP8&secs=10&maxbitrate=500000" 0
run chrome-rfc8888  "codec=VP8&secs=8&maxbitrate=300000" 2 \
    --force-fieldtrials=WebRTC-RFC8888CongestionControlFeedback/Enabled,offer:true/
