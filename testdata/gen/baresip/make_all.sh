#!/bin/bash
# Two baresip 1.0.0 (Debian 12) user agents call each other on 127.0.0.1 with
# audio (ausine -> PCMU/opus) and video (fakevideo -> VP8), RTCP on (rtcp_mux
# off, so RTCP is on RTP port + 1). libre sends SR/RR+SDES and, when a call ends,
# a compound that starts with BYE (reason "Adjo") followed by SDES.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
DIR=${1:-/tmp/cap/baresip}; mkdir -p "$DIR"
W=$(mktemp -d)
mk() {  # name sipport rtpbase extra-account-params
  mkdir -p "$W/$1"
  cat > "$W/$1/config" <<CFG
poll_method		epoll
sip_listen		127.0.0.1:$2
call_local_timeout	120
audio_path		/usr/share/baresip
audio_player		aufile,$W/$1/recv.wav
audio_source		ausine,440
audio_alert		aufile,$W/$1/alert.wav
video_source		fakevideo,nil
video_display		fakevideo,nil
video_size		320x240
video_bitrate		300000
video_fps		15.00
rtp_ports		$3-$(( $3 + 20 ))
rtcp_mux		no
jitter_buffer_delay	5-10
module_path		/usr/lib/baresip/modules
module			g711.so
module			opus.so
module			vp8.so
module			ausine.so
module			aufile.so
module			fakevideo.so
module_app		account.so
module_app		menu.so
module			avformat.so
CFG
  echo "<sip:$1@127.0.0.1:$2>;regint=0;answermode=auto;audio_codecs=opus/48000/2,PCMU;video_codecs=VP8$4" > "$W/$1/accounts"
}
mk alice 5070 16000 ";mediaenc="
mk bob   5080 16100 ""
sed -i 's/;mediaenc=//' "$W/alice/accounts"
tcpdump -i lo -U -s 0 -w "$DIR/baresip-call.pcap" 'udp and (portrange 16000-16120 or port 5070 or port 5080)' 2>/dev/null & TD=$!
sleep 1
baresip -f "$W/bob" -t 14 > "$DIR/baresip-bob.log" 2>&1 & B=$!
sleep 1
baresip -f "$W/alice" -t 10 -e "/dial sip:bob@127.0.0.1:5080" > "$DIR/baresip-alice.log" 2>&1 & A=$!
wait $A; wait $B
sleep 1
kill $TD; wait $TD 2>/dev/null
rm -rf "$W"
ls -l "$DIR"
