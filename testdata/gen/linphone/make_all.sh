#!/bin/bash
# Two linphone-daemon (liblinphone 5.1 / mediastreamer2 / oRTP, Debian 12)
# instances call each other on 127.0.0.1 with audio and video (static-image
# camera), AVPF and RTCP XR (RRTR, DLRR, statistics summary, VoIP metrics)
# enabled. There is no sound card here: a private PulseAudio (system mode, null
# sink, socket in /tmp) stands in. NETSIM="..." passes mediastreamer2's own
# network simulator parameters to the caller (e.g. loss_rate=10), NETSIM_CALLEE
# to the callee, to provoke feedback. (linphonec 5.1 never reaches GlobalOn here and answers 503, hence
# the daemon.)
set -u
DIR=${1:-/tmp/cap/linphone}; mkdir -p "$DIR"; DIR=$(cd "$DIR" && pwd)
SECS=${SECS:-12}
W=$(mktemp -d)
# liblinphone stays in GlobalStartup (and answers 503) when it cannot create its
# database: give it a private HOME
export HOME=$W; mkdir -p "$W/.local/share/linphone" "$W/.config"
mk() {  # name sipport audioport videoport
  cat > "$W/$1.rc" <<CFG
[sip]
sip_port=$2
sip_udp_port=$2
sip_tcp_port=-1
sip_tls_port=-1
default_proxy=-1
contact=sip:$1@127.0.0.1
guess_hostname=0
ipv6_enabled=0
[rtp]
audio_rtp_port=$3
video_rtp_port=$4
rtcp_mux=0
avpf=1
rtcp_fb_implicit_rtcp_fb=1
rtcp_xr_enabled=1
rtcp_xr_rcvr_rtt_mode=all
rtcp_xr_rcvr_rtt_max_size=10000
rtcp_xr_stat_summary_enabled=1
rtcp_xr_voip_metrics_enabled=1
audio_jitt_comp=60
[net]
adaptive_rate_control=1
adaptive_rate_algorithm=advanced
download_bw=512
upload_bw=512
nat_policy_ref=
[sound]
echocancellation=0
[video]
capture=1
display=1
automatically_initiate=1
automatically_accept=1
device=StaticImage: Static picture
size=qvga
[video_codec_0]
mime=VP8
rate=90000
enabled=1
CFG
}
mk alice 5090 17000 17010
mk bob   5092 17100 17110
PA_SOCK=/tmp/rtci-pulse.$$.sock
pulseaudio --system --disallow-exit --exit-idle-time=-1 -n \
  --load="module-native-protocol-unix auth-anonymous=1 socket=$PA_SOCK" \
  --load="module-null-sink sink_name=rtcinull" --log-target=file:"$DIR/pulse.log" & PA=$!
export PULSE_SERVER=unix:$PA_SOCK
sleep 2
tcpdump -i lo -U -s 0 -w "$DIR/linphone-call.pcap" 'udp and (portrange 17000-17120 or port 5090 or port 5092)' 2>/dev/null & TD=$!
sleep 1
( sleep 1; echo "port sip 5092"; [ -n "${NETSIM_CALLEE:-}" ] && echo "netsim parameters ${NETSIM_CALLEE}" && echo "netsim enable";
  sleep $((SECS + 8)); echo quit ) | \
  linphone-daemon --config "$W/bob.rc" -C -D --auto-answer --log "$DIR/linphone-bob.log" > "$DIR/linphone-bob.out" 2>&1 & B=$!
( sleep 2; echo "port sip 5090"; [ -n "${NETSIM:-}" ] && echo "netsim parameters ${NETSIM}" && echo "netsim enable";
  sleep 1; echo "call sip:bob@127.0.0.1:5092"; sleep $SECS; echo "call-stats"; echo "terminate"; sleep 3; echo quit ) | \
  linphone-daemon --config "$W/alice.rc" -C -D --log "$DIR/linphone-alice.log" > "$DIR/linphone-alice.out" 2>&1 & A=$!
wait $A; wait $B
sleep 1
kill $TD; wait $TD 2>/dev/null
kill $PA; wait $PA 2>/dev/null
rm -rf "$W" "$PA_SOCK"
ls -l "$DIR"
