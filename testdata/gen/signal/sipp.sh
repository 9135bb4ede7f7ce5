#!/bin/bash
# SIPp calls with SDP and RTP on loopback, one over UDP and one over TCP, into DIR
# (default /tmp/cap/signal):
#   sipp-udp.pcap  `sipp -sn uas -rtp_echo` on 127.0.0.1:15062, `sipp -sn uac_pcap`
#                  from 127.0.0.1:15061 makes one call over UDP: INVITE (SDP offer),
#                  100, 180, 200 (SDP answer), ACK, the uac plays sipp's g711a.pcap then dtmf_2833_1.pcap
#                  (PCMA RTP + RFC 2833 events) which the uas echoes, BYE, 200.
#   sipp-tcp.pcap  the same over TCP (`-t t1`, one connection) on ports 15072/15071.
# sipp 3.6.1 (Debian sip-tester). Needs root (tcpdump). No venv needed.
set -u
DIR=${1:-/tmp/cap/signal}; mkdir -p "$DIR"
WORK=$(mktemp -d); mkdir -p "$WORK/pcap"
cp /usr/share/sip-tester/*.pcap "$WORK/pcap/"
cd "$WORK"
run() { # name transport uas-port uac-port uac-media-port uas-media-port
  local name=$1 t=$2 sp=$3 cp=$4 cm=$5 sm=$6
  tcpdump -i lo -U -s 0 -w "$DIR/$name.pcap" \
    "host 127.0.0.1 and (port $sp or port $cp or portrange $cm-$((cm+3)) or portrange $sm-$((sm+3)))" \
    2>/dev/null & TD=$!
  sleep 1
  timeout 30 sipp -sn uas -t "$t" -i 127.0.0.1 -p "$sp" -mp "$sm" -rtp_echo -m 1 -nostdin \
    >/dev/null 2>&1 </dev/null & UAS=$!
  sleep 1
  timeout 30 sipp -sn uac_pcap -t "$t" -i 127.0.0.1 -p "$cp" -mp "$cm" -m 1 -nostdin \
    -s service 127.0.0.1:"$sp" >/dev/null 2>&1 </dev/null
  sleep 2
  kill $UAS 2>/dev/null; wait $UAS 2>/dev/null
  kill $TD; wait $TD 2>/dev/null
}
run sipp-udp u1 15062 15061 16000 16100
run sipp-tcp t1 15072 15071 16200 16300
rm -rf "$WORK"
ls -l "$DIR"/sipp-*.pcap
