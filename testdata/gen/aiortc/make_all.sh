#!/bin/bash
# Chromium <-> aiortc calls (DTLS 1.2: the aiortc 1.16 peer uses OpenSSL through
# pyOpenSSL, which has no DTLS 1.3, so Chromium falls back to DTLS 1.2), into DIR
# (default /tmp/cap/aiortc). aiortc comes from PyPI into a venv (VENV, default
# /tmp/venv-aiortc): aiortc==1.16.0 (pulls aioice 0.13.0, pyOpenSSL 26.4.0,
# cryptography 50.0.2 with its own OpenSSL 4.0.3, pylibsrtp 1.0.0, av 18.1.0).
#   chrome-aiortc-offer   Chromium offers, aiortc answers setup:active: Chromium is
#                         the DTLS 1.2 *server* (BoringSSL ServerHello flight)
#   chrome-aiortc-answer  aiortc offers, Chromium answers setup:active: Chromium is
#                         the DTLS 1.2 *client* (BoringSSL client flight)
# Each run: tcpdump (../chrome/run_chrome.sh), page log (.log) and aiortc's SDP log
# (.aiortc.jsonl). Needs root.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
DIR=${1:-/tmp/cap/aiortc}; mkdir -p "$DIR"
VENV=${VENV:-/tmp/venv-aiortc}
[ -x "$VENV/bin/python" ] || { python3 -m venv "$VENV" && "$VENV/bin/pip" install -q aiortc==1.16.0; }
for mode in offer answer; do
  rm -f "$DIR/chrome-aiortc-$mode.aiortc.jsonl"
  "$VENV/bin/python" "$HERE/peer.py" "$DIR/chrome-aiortc-$mode.aiortc.jsonl" > "$DIR/chrome-aiortc-$mode.aiortc.out" 2>&1 & AP=$!
  sleep 2
  "$HERE/../chrome/run_chrome.sh" "$DIR/chrome-aiortc-$mode" "secs=5&remote=$mode" 0
  kill $AP; wait $AP 2>/dev/null
done
