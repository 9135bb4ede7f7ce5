#!/bin/bash
# ffmpeg (Debian 12, 5.1) RTP senders on loopback; ffmpeg's RTP muxer sends
# RTCP SR + SDES (CNAME) and, at the end, SR + SDES + BYE.
set -u
DIR=${1:-/tmp/cap/ffmpeg}; mkdir -p "$DIR"
tcpdump -i lo -U -s 0 -w "$DIR/ffmpeg-opus-h264.pcap" 'udp and portrange 6000-6011' 2>/dev/null & TD=$!
sleep 1
# audio: Opus PT 111 -> 6000 (RTCP 6001); video: H.264 PT 96 -> 6010 (RTCP 6011)
ffmpeg -hide_banner -loglevel error -re -f lavfi -i "sine=frequency=440:sample_rate=48000" \
  -f lavfi -i "testsrc2=size=320x240:rate=25" \
  -map 0:a -t 4 -c:a libopus -b:a 32k -payload_type 111 -ssrc 0x0FF0A0D0 -cname ffmpeg-audio -f rtp "rtp://127.0.0.1:6000?localrtpport=6002&localrtcpport=6003" \
  -map 1:v -t 4 -c:v libx264 -preset ultrafast -tune zerolatency -g 25 -payload_type 96 -ssrc 0x0FF0B1D0 -cname ffmpeg-video \
  -f rtp "rtp://127.0.0.1:6010?localrtpport=6004&localrtcpport=6005&pkt_size=1000" > "$DIR/ffmpeg-opus-h264.sdp"
sleep 1
kill $TD; wait $TD 2>/dev/null
ls -l "$DIR"/ffmpeg-*
