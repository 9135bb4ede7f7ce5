#!/bin/bash
# One aiortc <-> aiortc call between namespaces A (offerer) and B (answerer), through
# the router namespace R (netns.sh up first):
#   run_aiortc.sh OUTDIR NAME [aiortc_peer.py options...]
# Writes OUTDIR/NAME.pcap (tcpdump in B on its veth: what B sent and received),
# OUTDIR/NAME.offer.json / NAME.answer.json (SDP, getStats, events of each peer).
# With IMPAIR="impair.py options" the datagrams A -> B go through impair.py in R
# (NFQUEUE 55): then also OUTDIR/NAME.before.pcap (tcpdump in A: A -> B before the
# impairer) and OUTDIR/NAME.impair.tsv (the impairer's log, one row per datagram).
# EXTRA_CAP="ns:dev:file" adds one more capture (e.g. the TURN server's side).
# IMPAIR_DIR (impair_rules.sh DIR, default ab) and BEFORE_CAP="ns:dev" (default A's
# veth) move the impairer and the before capture, e.g. IMPAIR_DIR=tob
# BEFORE_CAP=t5r:lo for TURN relayed media (relay-to-relay on R's lo, then
# ChannelData from the server in R to B impaired in R's OUTPUT chain).
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=$1; NAME=$2; shift 2
mkdir -p "$OUT"
NS=${NS:-t5}; A=${NS}a; B=${NS}b; R=${NS}r
VENV=${VENV:-/tmp/venv-aiortc}
NFQPY=${NFQPY:-/tmp/venv-nfq/bin/python}
RV=$(mktemp -d /tmp/t5rv.XXXX)
rm -f "$OUT/$NAME".*
ip netns exec $B tcpdump -i ${B}0 -U -s 0 -w "$OUT/$NAME.pcap" udp 2>/dev/null & TDB=$!
TDA=""; IMP=""; TDX=""
if [ -n "${IMPAIR:-}" ]; then
  BEFORE=${BEFORE_CAP:-$A:${A}0}
  ip netns exec ${BEFORE%%:*} tcpdump -i ${BEFORE#*:} -U -s 0 -w "$OUT/$NAME.before.pcap" udp 2>/dev/null & TDA=$!
  "$HERE/impair_rules.sh" add 55 ${IMPAIR_DIR:-ab}
  ip netns exec $R "$NFQPY" "$HERE/impair.py" --queue 55 --log "$OUT/$NAME.impair.tsv" $IMPAIR 2> "$OUT/$NAME.impair.stderr" & IMP=$!
fi
if [ -n "${EXTRA_CAP:-}" ]; then
  IFS=: read -r xns xdev xfile <<< "$EXTRA_CAP"
  ip netns exec "$xns" tcpdump -i "$xdev" -U -s 0 -w "$xfile" udp 2>/dev/null & TDX=$!
fi
sleep 1
ip netns exec $B "$VENV/bin/python" "$HERE/aiortc_peer.py" answer "$RV" "$OUT/$NAME.answer.json" "$@" 2> "$OUT/$NAME.answer.stderr" & PB=$!
sleep 0.5
ip netns exec $A "$VENV/bin/python" "$HERE/aiortc_peer.py" offer "$RV" "$OUT/$NAME.offer.json" "$@" 2> "$OUT/$NAME.offer.stderr" & PA=$!
wait $PA; wait $PB
sleep 1
if [ -n "$IMP" ]; then
  kill $IMP; wait $IMP
  "$HERE/impair_rules.sh" del 55 ${IMPAIR_DIR:-ab}
fi
for p in $TDA $TDB $TDX; do kill $p; wait $p 2>/dev/null; done
rm -rf "$RV"
ls -l "$OUT/$NAME".*
