#!/bin/bash
# SIP calls between two baresip 1.0.0 user agents inside the rtci-sdp netns,
# one short call per media-encryption mode; only the SIP signalling (UDP 5070 /
# 5080 on 127.0.0.1) is captured: OUTDIR/baresip-MODE.pcap.
#   baresip_sdp.sh OUTDIR
# The caller's account selects the mode (baresip's mediaenc= account parameter):
#   srtp        best effort SDES: RTP/AVP(F) offer with a=crypto lines
#   srtp-mandf  mandatory SDES: RTP/SAVPF
#   dtls_srtp-ice  DTLS-SRTP: UDP/TLS/RTP/SAVP, a=fingerprint/a=setup; with
#               medianat=ice (baresip 1.0.0 has no dtls_srtpf) (a=ice-ufrag/pwd, a=candidate)
# The SDP bodies are then cut out with ../extract_sdp.py (frames in
# testdata/sdp/MANIFEST-captures.tsv).
set -u
OUT=$(mkdir -p "$1" && cd "$1" && pwd)
HERE=$(cd "$(dirname "$0")" && pwd)
"$HERE/../netns.sh"
NSX="ip netns exec rtci-sdp"
call() {  # name caller-account-params callee-account-params
  local W; W=$(mktemp -d)
  for u in alice:5070:16000 bob:5080:16100; do
    IFS=: read -r n port rtp <<<"$u"
    mkdir -p "$W/$n"
    cat > "$W/$n/config" <<CFG
poll_method		epoll
sip_listen		127.0.0.1:$port
audio_path		/usr/share/baresip
audio_player		aufile,$W/$n/recv.wav
audio_source		ausine,440
audio_alert		aufile,$W/$n/alert.wav
video_source		fakevideo,nil
video_display		fakevideo,nil
video_size		320x240
rtp_ports		$rtp-$((rtp + 20))
module_path		/usr/lib/baresip/modules
module			g711.so
module			g722.so
module			opus.so
module			vp8.so
module			ausine.so
module			aufile.so
module			fakevideo.so
module			srtp.so
module			dtls_srtp.so
module			ice.so
module_app		account.so
module_app		menu.so
CFG
  done
  echo "<sip:alice@127.0.0.1:5070>;regint=0;answermode=auto;audio_codecs=opus/48000/2,G722,PCMU$2" > "$W/alice/accounts"
  echo "<sip:bob@127.0.0.1:5080>;regint=0;answermode=auto;audio_codecs=opus/48000/2,PCMU$3" > "$W/bob/accounts"
  $NSX tcpdump -i lo -U -s 0 -w "$OUT/baresip-$1.pcap" 'udp and (port 5070 or port 5080)' 2>/dev/null & local TD=$!
  sleep 1
  $NSX baresip -f "$W/bob" -t 8 > "$OUT/baresip-$1-bob.log" 2>&1 & local B=$!
  sleep 1
  $NSX baresip -f "$W/alice" -t 5 -e "/dial sip:bob@127.0.0.1:5080" > "$OUT/baresip-$1-alice.log" 2>&1 & local A=$!
  wait $A; wait $B
  sleep 1; kill $TD; wait $TD 2>/dev/null
  rm -rf "$W"
}
call srtp ";mediaenc=srtp" ";mediaenc=srtp"
call srtp-mandf ";mediaenc=srtp-mandf" ";mediaenc=srtp-mandf"
call dtls_srtp-ice ";mediaenc=dtls_srtp;medianat=ice" ";mediaenc=dtls_srtp;medianat=ice"
baresip -h 2>&1 | head -1 > "$OUT/VERSION"
ls -l "$OUT"
