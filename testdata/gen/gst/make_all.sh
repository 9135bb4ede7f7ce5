#!/bin/bash
# Remake the GStreamer captures into DIR (default /tmp/cap/gst). Needs root
# (tcpdump, iptables) and Debian 12's GStreamer 1.22 packages (see ../README.md).
# Each scenario of gst_call.py is captured on lo (udp ports 5000-5039);
# DROP percent of the RTP datagrams to port 5000 are dropped by iptables and
# logged to NAME.dropped.pcap (NFLOG group 6), to provoke NACK/RTX and key-unit
# requests.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
DIR=${1:-/tmp/cap/gst}; mkdir -p "$DIR"
run() {
  local name=$1 scen=$2 secs=$3 drop=$4
  tcpdump -i lo -U -s 0 -w "$DIR/$name.pcap" 'udp and portrange 5000-5039' 2>/dev/null & local td=$!
  local nf=""
  if [ "$drop" != 0 ]; then
    iptables -I OUTPUT -o lo -p udp --dport 5000 -m statistic --mode random \
      --probability "$(python3 -c "print($drop/100)")" -j RTCI_GST_DROP
    tcpdump -i nflog:6 -U -s 0 -w "$DIR/$name.dropped.pcap" 2>/dev/null & nf=$!
  fi
  sleep 1
  # (multisr sometimes hangs while shutting down: hard limit)
  timeout -s KILL $((secs + 20)) /usr/bin/python3 "$HERE/gst_call.py" "$scen" "$secs" > "$DIR/$name.log" 2>&1
  sleep 1
  if [ "$drop" != 0 ]; then
    iptables -L OUTPUT -n -v -x | grep RTCI > "$DIR/$name.iptables.txt"
    iptables -D OUTPUT -o lo -p udp --dport 5000 -m statistic --mode random \
      --probability "$(python3 -c "print($drop/100)")" -j RTCI_GST_DROP
    kill $nf; wait $nf 2>/dev/null
  fi
  kill $td; wait $td 2>/dev/null
  ls -l "$DIR/$name".*
}
iptables -N RTCI_GST_DROP 2>/dev/null; iptables -F RTCI_GST_DROP
iptables -A RTCI_GST_DROP -j NFLOG --nflog-group 6
iptables -A RTCI_GST_DROP -j DROP
run gst-vp8-twcc-rtx vp8   8 4
run gst-vp8-fir      fir   8 4
run gst-twcc-big     twccbig 8 8
run gst-multi-opus   multi 8 0
run gst-multi-sr     multisr 8 0
run gst-csrc-relay   csrc  5 0
run gst-h264         h264  5 0
run gst-vp9          vp9   5 0
# run gst-twobyte twobyte 4 0   (GStreamer 1.22 writes broken packets here, see gst_call.py)
iptables -F RTCI_GST_DROP; iptables -X RTCI_GST_DROP
