#!/bin/bash
# Signalling captures into DIR (default /tmp/cap/signal): the SIPp calls (sipp.sh)
# and two aiortc sessions with cleartext signalling (rtc_signal.py): whip.pcap
# (HTTP POST application/sdp) and websocket.pcap (JSON over WebSocket). Each
# aiortc run is captured whole on lo (tcpdump -i lo) and then cut down with tshark
# to the signalling TCP port and the UDP 5-tuples of the ICE candidates in the
# logged SDP, so unrelated loopback traffic stays out.
# aiortc from PyPI into a venv (VENV, default /tmp/venv-signal):
#   python3 -m venv $VENV && $VENV/bin/pip install aiortc==1.16.0 aiohttp
#   (got aiortc 1.16.0, aioice 0.13.0, av 18.1.0, aiohttp 3.14.5).
# Needs root (tcpdump).
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
DIR=${1:-/tmp/cap/signal}; mkdir -p "$DIR"
VENV=${VENV:-/tmp/venv-signal}
[ -x "$VENV/bin/python" ] || { python3 -m venv "$VENV" && "$VENV/bin/pip" install -q aiortc==1.16.0 aiohttp; }
"$HERE/sipp.sh" "$DIR"
for mode in whip websocket; do
  port=18080; arg=whip
  [ $mode = websocket ] && { port=18081; arg=ws; }
  rm -f "$DIR/$mode.sdp.jsonl"
  tcpdump -i lo -U -s 0 -w "$DIR/$mode.raw.pcap" "tcp port $port or udp" 2>/dev/null & TD=$!
  sleep 1
  "$VENV/bin/python" "$HERE/rtc_signal.py" $arg "$DIR/$mode.sdp.jsonl" > "$DIR/$mode.out" 2>&1
  sleep 1
  kill $TD; wait $TD 2>/dev/null
  # UDP ports of every candidate in the logged SDP.
  ports=$(python3 -c '
import json, sys
ps = set()
for l in open(sys.argv[1]):
    for line in json.loads(l)["sdp"].splitlines():
        if line.startswith("a=candidate:"):
            ps.add(line.split()[5])
print(" or ".join("udp.port == %s" % p for p in sorted(ps)))' "$DIR/$mode.sdp.jsonl")
  tshark -r "$DIR/$mode.raw.pcap" -Y "tcp.port == $port or $ports" -w "$DIR/$mode.pcap"
  rm -f "$DIR/$mode.raw.pcap"
done
ls -l "$DIR"
