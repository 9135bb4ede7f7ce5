#!/bin/bash
# SIP calls between two linphone-daemon 5.1 (liblinphone) instances inside the
# rtci-sdp netns, one short call per media-encryption setting; only SIP (UDP
# 5090/5092 on 127.0.0.1) is captured: OUTDIR/linphone-MODE.pcap.
#   linphone_sdp.sh OUTDIR
# MODE is liblinphone's [sip] media_encryption (both ends), "-mandatory" adds
# media_encryption_mandatory=1. Audio + video (static picture), AVPF on, as in
# ../../linphone/make_all.sh. PulseAudio null sink as sound card.
set -u
OUT=$(mkdir -p "$1" && cd "$1" && pwd)
HERE=$(cd "$(dirname "$0")" && pwd)
"$HERE/../netns.sh"
NSX="ip netns exec rtci-sdp"
PA_SOCK=/tmp/rtci-sdp-pulse.$$.sock
pulseaudio --system --disallow-exit --exit-idle-time=-1 -n \
  --load="module-native-protocol-unix auth-anonymous=1 socket=$PA_SOCK" \
  --load="module-null-sink sink_name=rtcinull" --log-target=file:"$OUT/pulse.log" & PA=$!
export PULSE_SERVER=unix:$PA_SOCK
sleep 2
call() {  # name media_encryption mandatory(0/1)
  local W; W=$(mktemp -d)
  # one HOME (linphone.db) per daemon: two cores on one sqlite file fail with
  # "disk I/O error" and then answer 503
  mkdir -p "$W/alice/.local/share/linphone" "$W/bob/.local/share/linphone"
  for u in alice:5090:17000:17010 bob:5092:17100:17110; do
    IFS=: read -r n port ap vp <<<"$u"
    cat > "$W/$n.rc" <<CFG
[sip]
sip_port=$port
sip_udp_port=$port
sip_tcp_port=-1
sip_tls_port=-1
default_proxy=-1
contact=sip:$n@127.0.0.1
guess_hostname=0
ipv6_enabled=0
media_encryption=$2
media_encryption_mandatory=$3
[rtp]
audio_rtp_port=$ap
video_rtp_port=$vp
avpf=1
[sound]
echocancellation=0
[video]
capture=1
display=1
automatically_initiate=1
automatically_accept=1
device=StaticImage: Static picture
size=qvga
CFG
  done
  $NSX tcpdump -i lo -U -s 0 -w "$OUT/linphone-$1.pcap" 'udp and (port 5090 or port 5092)' 2>/dev/null & local TD=$!
  sleep 1
  ( sleep 1; echo "port sip 5092"; sleep 12; echo quit ) | \
    HOME=$W/bob $NSX linphone-daemon --config "$W/bob.rc" -C -D --auto-answer --log "$OUT/linphone-$1-bob.log" > "$OUT/linphone-$1-bob.out" 2>&1 & local B=$!
  ( sleep 2; echo "port sip 5090"; sleep 1; echo "call sip:bob@127.0.0.1:5092"; sleep 5; echo "terminate"; sleep 2; echo quit ) | \
    HOME=$W/alice $NSX linphone-daemon --config "$W/alice.rc" -C -D --log "$OUT/linphone-$1-alice.log" > "$OUT/linphone-$1-alice.out" 2>&1 & local A=$!
  wait $A; wait $B
  sleep 1; kill $TD; wait $TD 2>/dev/null
  rm -rf "$W"
}
call srtp srtp 0
call srtp-mandatory srtp 1
call zrtp zrtp 0
call dtls dtls 1
kill $PA; wait $PA 2>/dev/null
rm -f "$PA_SOCK"
dpkg-query -W liblinphone10 linphone-cli 2>/dev/null > "$OUT/VERSION.linphone"
ls -l "$OUT"
