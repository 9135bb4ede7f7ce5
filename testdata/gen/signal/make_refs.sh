#!/bin/bash
# tshark 4.0 references for the captures in ../../captures/signal/ (line 1 of each
# file is the command that made it). Tests read these; no tshark at test time.
set -u
cd "$(dirname "$0")/../../captures/signal"
ref() { # out capture args...
  local out=$1; shift
  { echo "# tshark $*"; tshark "$@" 2>/dev/null; } > "$out"
}
for c in sipp-udp sipp-tcp; do
  ref $c.sip.txt -r $c.pcap -Y sip -T fields -E header=y -e frame.number -e ip.src \
    -e udp.srcport -e tcp.srcport -e sip.Call-ID -e sip.Method -e sip.Status-Code \
    -e sip.CSeq.method -e sdp.owner -e sdp.media
done
ref whip.http.txt -r whip.pcap -Y http -T fields -E header=y -e frame.number -e tcp.srcport \
  -e http.request.method -e http.request.uri -e http.response.code -e http.content_type \
  -e sdp.owner -e sdp.media
ref websocket.ws.txt -r websocket.pcap -Y websocket -T fields -E header=y -e frame.number \
  -e tcp.srcport -e tcp.dstport -e websocket.opcode -e websocket.fin -e websocket.mask \
  -e websocket.payload_length -e websocket.reassembled.length -e websocket.payload.text
# A public capture (nDPI test data, see ../../captures/README.md): SIP calls
# rejected with 407/403/408/480, one with a 183 early answer.
ref ndpi-sip.sip.txt -r ../public/ndpi/sip.pcap -Y sip -T fields -E header=y -e frame.number \
  -e sip.Call-ID -e sip.Method -e sip.Status-Code -e sip.CSeq.seq -e sip.CSeq.method \
  -e sip.Status-Line -e sdp.owner
# TCP payload bytes per segment (hex), for the capture layer's stream-chunk test.
for c in sipp-tcp whip websocket; do
  ref $c.tcp-payload.txt -r $c.pcap -Y "tcp.len > 0" -T fields -E header=y -e frame.number \
    -e tcp.srcport -e tcp.dstport -e tcp.seq_raw -e tcp.payload
done
