#!/bin/bash
# sipp's built-in scenarios calling each other inside the rtci-sdp netns:
# "-sn uas" on 127.0.0.1:5062, "-sn uac" makes one call to it. Only SIP is
# captured (OUTDIR/sipp-uac-uas.pcap); INVITE and 200 OK carry sipp's default
# SDP bodies.   sipp_sdp.sh OUTDIR
set -u
OUT=$(mkdir -p "$1" && cd "$1" && pwd)
HERE=$(cd "$(dirname "$0")" && pwd)
"$HERE/../netns.sh"
NSX="ip netns exec rtci-sdp"
cd "$OUT"
$NSX tcpdump -i lo -U -s 0 -w "$OUT/sipp-uac-uas.pcap" 'udp and (port 5062 or port 5061)' 2>/dev/null & TD=$!
sleep 1
$NSX timeout 20 sipp -sn uas -i 127.0.0.1 -p 5062 -m 1 -nostdin >/dev/null 2>&1 </dev/null & UAS=$!
sleep 1
$NSX timeout 20 sipp -sn uac -i 127.0.0.1 -p 5061 -m 1 -nostdin -s service 127.0.0.1:5062 >/dev/null 2>&1 </dev/null
sleep 2
kill $TD; wait $TD 2>/dev/null
wait $UAS
sipp -v 2>&1 | grep -m1 -i version > "$OUT/VERSION.sipp"
ls -l "$OUT"
