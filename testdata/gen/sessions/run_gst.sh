#!/bin/bash
# One GStreamer rtpbin session A (sender) -> B (receiver, sends RR back) between
# the namespaces of netns.sh, through the router namespace R:
#   run_gst.sh OUTDIR NAME [gst_rtpbin.py options...]
# Same outputs as run_aiortc.sh: OUTDIR/NAME.pcap (tcpdump in B), NAME.send.json /
# NAME.recv.json (rtpbin source stats), and with IMPAIR="impair.py options"
# NAME.before.pcap (tcpdump in A) and NAME.impair.tsv. FAMILY=6 uses IPv6.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=$1; NAME=$2; shift 2
mkdir -p "$OUT"
NS=${NS:-t5}; A=${NS}a; B=${NS}b; R=${NS}r
NFQPY=${NFQPY:-/tmp/venv-nfq/bin/python}
if [ "${FAMILY:-4}" = 6 ]; then IPA=fd00:5:1::2; IPB=fd00:5:2::2; else IPA=198.18.1.2; IPB=198.18.2.2; fi
rm -f "$OUT/$NAME".*
ip netns exec $B tcpdump -i ${B}0 -U -s 0 -w "$OUT/$NAME.pcap" udp 2>/dev/null & TDB=$!
TDA=""; IMP=""
if [ -n "${IMPAIR:-}" ]; then
  ip netns exec $A tcpdump -i ${A}0 -U -s 0 -w "$OUT/$NAME.before.pcap" udp 2>/dev/null & TDA=$!
  "$HERE/impair_rules.sh" add 55 ab
  ip netns exec $R "$NFQPY" "$HERE/impair.py" --queue 55 --log "$OUT/$NAME.impair.tsv" $IMPAIR 2> "$OUT/$NAME.impair.stderr" & IMP=$!
fi
sleep 1
ip netns exec $B /usr/bin/python3 "$HERE/gst_rtpbin.py" recv $IPA "$OUT/$NAME.recv.json" "$@" 2> "$OUT/$NAME.recv.stderr" & PB=$!
sleep 0.5
ip netns exec $A /usr/bin/python3 "$HERE/gst_rtpbin.py" send $IPB "$OUT/$NAME.send.json" "$@" 2> "$OUT/$NAME.send.stderr" & PA=$!
wait $PA; wait $PB
sleep 1
if [ -n "$IMP" ]; then
  kill $IMP; wait $IMP
  "$HERE/impair_rules.sh" del 55 ab
fi
for p in $TDA $TDB; do kill $p; wait $p 2>/dev/null; done
ls -l "$OUT/$NAME".*
