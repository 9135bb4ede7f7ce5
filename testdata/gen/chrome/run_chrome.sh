#!/bin/bash
# Capture one Chromium loopback WebRTC call (two RTCPeerConnections in one page).
#   run_chrome.sh OUT_BASENAME "QUERY" [DROP_PERCENT] [extra chromium flags...]
# Writes OUT_BASENAME.pcap (tcpdump -i lo udp), OUT_BASENAME.log (page log: SDP,
# getStats), and with DROP_PERCENT>0 also OUT_BASENAME.dropped.pcap (the UDP
# datagrams that the iptables impairer dropped, logged via NFLOG group 5).
# With BLACKOUT=START:DUR in the environment, every large datagram is also
# dropped (and NFLOG-logged) from START to START+DUR seconds after the browser
# starts: enough loss that NACK cannot repair it and the receiver asks for a key
# frame (PLI or FIR).
# With INJECT_TMMBR=SECONDS, inject_tmmbr.py sends one crafted TMMBR into the
# call after SECONDS (to record Chromium's TMMBN answer; logged in OUT.inject.log).
# CAPFILTER overrides the tcpdump filter (default 'udp and not port 5353'; the
# TURN-over-TCP and ICE-TCP runs need TCP too: the page's own HTTP port is
# always excluded). With BLOCKUDP=1 every UDP datagram on lo is dropped
# (iptables, not logged) so that ICE has to fall back to TCP candidates.
# Needs root (tcpdump, iptables). Media stays on this machine: both peers use the
# host's own address, which Linux routes over lo.
set -u
OUT=$1; Q=$2; DROP=${3:-0}; shift 3 2>/dev/null || shift $#
HERE=$(cd "$(dirname "$0")" && pwd)
PORT=8765
rm -f "$OUT.log" "$OUT.blackout.txt" "$OUT.iptables.txt"
LOGFILE=$(readlink -f "$OUT").log python3 "$HERE/server.py" $PORT & SRV=$!
tcpdump -i lo -U -s 0 -w "$OUT.pcap" "(${CAPFILTER:-udp and not port 5353}) and not port $PORT" 2>/dev/null & TD=$!
if [ "${BLOCKUDP:-0}" = 1 ]; then
  for T in iptables ip6tables; do $T -I OUTPUT -o lo -p udp -j DROP; done
fi
NF=""
if [ "$DROP" != "0" ]; then
  P=$(python3 -c "print($DROP/100)")
  # drop DROP% of the large UDP datagrams (video RTP) between the two peers
  for T in iptables ip6tables; do
    $T -N RTCI_IMPAIR 2>/dev/null; $T -F RTCI_IMPAIR
    $T -A RTCI_IMPAIR -m statistic --mode random --probability "$P" -j MARK --set-mark 0x77
    $T -A RTCI_IMPAIR -m mark --mark 0x77 -j NFLOG --nflog-group 5
    $T -A RTCI_IMPAIR -m mark --mark 0x77 -j DROP
    $T -I OUTPUT -o lo -p udp -m length --length 600:1500 ! --dport $PORT -j RTCI_IMPAIR
  done
  tcpdump -i nflog:5 -U -s 0 -w "$OUT.dropped.pcap" 2>/dev/null & NF=$!
fi
sleep 1
SECS=$(python3 -c "import urllib.parse,sys;print(urllib.parse.parse_qs('$Q').get('secs',['10'])[0])")
UD=$(mktemp -d)
timeout $((SECS + 25)) chromium --no-sandbox --headless --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$UD" --use-fake-device-for-media-stream --use-fake-ui-for-media-stream \
  --disable-features=WebRtcHideLocalIpsWithMdns --remote-debugging-port=0 \
  "$@" "http://127.0.0.1:$PORT/loopback.html?$Q" >"$OUT.chrome.stderr" 2>&1 &
CH=$!
IJ=""
if [ -n "${INJECT_TMMBR:-}" ]; then
  rm -f "$OUT.inject.log"
  ( sleep "$INJECT_TMMBR"; /usr/bin/python3 "$HERE/inject_tmmbr.py" "$OUT.inject.log" ) & IJ=$!
fi
BO=""
if [ -n "${BLACKOUT:-}" ]; then
  ( sleep "${BLACKOUT%%:*}"
    for T in iptables ip6tables; do
      $T -N RTCI_BLACKOUT 2>/dev/null; $T -F RTCI_BLACKOUT
      $T -A RTCI_BLACKOUT -j NFLOG --nflog-group 5
      $T -A RTCI_BLACKOUT -j DROP
      $T -I OUTPUT -o lo -p udp -m length --length 600:1500 ! --dport $PORT -j RTCI_BLACKOUT
    done
    sleep "${BLACKOUT##*:}"
    for T in iptables ip6tables; do
      $T -L RTCI_BLACKOUT -n -v -x >> "$OUT.blackout.txt"
      $T -D OUTPUT -o lo -p udp -m length --length 600:1500 ! --dport $PORT -j RTCI_BLACKOUT
      $T -F RTCI_BLACKOUT; $T -X RTCI_BLACKOUT
    done ) & BO=$!
fi
for i in $(seq $((SECS + 25))); do
  sleep 1
  grep -q '"ev": *"done"\|"ev":"done"\|"ev":"error"' "$OUT.log" 2>/dev/null && break
done
kill $CH 2>/dev/null; wait $CH 2>/dev/null
[ -n "$BO" ] && wait $BO
[ -n "$IJ" ] && wait $IJ
sleep 1
if [ -n "$NF" ]; then
  rm -f "$OUT.iptables.txt"
  for T in iptables ip6tables; do
    $T -L RTCI_IMPAIR -n -v -x >> "$OUT.iptables.txt"
    $T -D OUTPUT -o lo -p udp -m length --length 600:1500 ! --dport $PORT -j RTCI_IMPAIR
    $T -F RTCI_IMPAIR; $T -X RTCI_IMPAIR
  done
  kill $NF; wait $NF 2>/dev/null
fi
if [ "${BLOCKUDP:-0}" = 1 ]; then
  for T in iptables ip6tables; do $T -D OUTPUT -o lo -p udp -j DROP; done
fi
kill $TD; wait $TD 2>/dev/null
kill $SRV; wait $SRV 2>/dev/null
rm -rf "$UD"
ls -l "$OUT".*
