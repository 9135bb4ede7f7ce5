#!/bin/bash
# One SIPp call between the namespaces of netns.sh: uac in A plays RTP from a pcap
# (SIPp's built-in uac_pcap scenario: G.711 A-law 7 s, then an RFC 4733 DTMF '1'),
# uas in B (built-in uas scenario) echoes every RTP datagram back (-rtp_echo).
#   run_sipp.sh OUTDIR NAME
# SIP in cleartext on 5060 (SDP in the capture), RTP on 6000. Outputs like
# run_gst.sh: NAME.pcap (tcpdump in B), with IMPAIR=... NAME.before.pcap,
# NAME.impair.tsv; SIPp's logs in NAME.uac.log / NAME.uas.log.
# Needs Debian's sip-tester (SIPp 3.6.1), its pcaps in /usr/share/sip-tester/.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=$1; NAME=$2
mkdir -p "$OUT"
NS=${NS:-t5}; A=${NS}a; B=${NS}b; R=${NS}r
NFQPY=${NFQPY:-/tmp/venv-nfq/bin/python}
PCAPS=${PCAPS:-/usr/share/sip-tester}
rm -f "$OUT/$NAME".*
TMP=$(mktemp -d /tmp/t5sipp.XXXX)
sipp -sd uac_pcap | sed "s#\"pcap/#\"$PCAPS/#" > "$TMP/uac.xml"
ip netns exec $B tcpdump -i ${B}0 -U -s 0 -w "$OUT/$NAME.pcap" udp 2>/dev/null & TDB=$!
TDA=""; IMP=""
if [ -n "${IMPAIR:-}" ]; then
  ip netns exec $A tcpdump -i ${A}0 -U -s 0 -w "$OUT/$NAME.before.pcap" udp 2>/dev/null & TDA=$!
  "$HERE/impair_rules.sh" add 55 ab
  ip netns exec $R "$NFQPY" "$HERE/impair.py" --queue 55 --log "$OUT/$NAME.impair.tsv" $IMPAIR 2> "$OUT/$NAME.impair.stderr" & IMP=$!
fi
sleep 1
(cd "$TMP" && ip netns exec $B timeout 40 sipp -sn uas -rtp_echo -i 198.18.2.2 -p 5060 -mp 6000 -m 1 -nostdin \
   -trace_screen -screen_file "$OUT/$NAME.uas.log" > /dev/null 2>&1) & PB=$!
sleep 0.5
(cd "$TMP" && ip netns exec $A timeout 40 sipp -sf "$TMP/uac.xml" 198.18.2.2:5060 -i 198.18.1.2 -p 5060 -mp 6000 \
   -s service -m 1 -nostdin -trace_screen -screen_file "$OUT/$NAME.uac.log" > /dev/null 2>&1) & PA=$!
wait $PA; wait $PB
sleep 1
if [ -n "$IMP" ]; then
  kill $IMP; wait $IMP
  "$HERE/impair_rules.sh" del 55 ab
fi
for p in $TDA $TDB; do kill $p; wait $p 2>/dev/null; done
rm -rf "$TMP"
ls -l "$OUT/$NAME".*
