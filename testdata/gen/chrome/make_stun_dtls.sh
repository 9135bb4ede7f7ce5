#!/bin/bash
# Chromium runs for the STUN / TURN / DTLS corpus (WebRTC encryption ON: DTLS-SRTP,
# no --disable-webrtc-encryption), into DIR (default /tmp/cap/stun-dtls).
# Audio + a data channel only (small captures). The page logs the SDP of both
# peers (a=ice-ufrag, a=ice-pwd, a=fingerprint), every ICE candidate and, at the
# end, the candidate-pair / transport / certificate stats (base64 DER of both
# certificates): see ../../captures/README.md.
# The TURN runs start coturn (../turn/turnserver.sh) on 127.0.0.1:3478 with
# long-term credentials user / pass, realm "realm", a nonce that goes stale after
# 10 s and allocations capped at 30 s (so Chromium refreshes after 15 s and gets
# a 438 Stale Nonce first).
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
DIR=${1:-/tmp/cap/stun-dtls}; mkdir -p "$DIR"
Q="codec=VP8&novideo=1&dc=1&logcand=1"
run() { "$HERE/run_chrome.sh" "$DIR/$1" "$2" 0 "${@:3}"; }
# DTLS 1.3 (Chromium 156's default) with the X25519MLKEM768 key share: ClientHello in 2 fragments
run chrome-dtls13 "$Q&secs=5"
# the same without the post-quantum key share (Chromium feature WebRtcPqcForDtls off)
run chrome-dtls13-nopqc "$Q&secs=4" --disable-features=WebRtcPqcForDtls
# RSA 4096 certificates: the encrypted server flight spans several datagrams
run chrome-dtls13-rsa4096 "$Q&secs=4&cert=rsa4096"
# pc2 is told pc1 is ice-lite: both controlling -> 487 Role Conflict, then ICE-CONTROLLED.
# Only the agent with the larger tie-breaker answers 487 (the other switches role
# silently), so repeat until the capture holds a 487 (error class 4, number 87).
for i in 1 2 3 4 5 6; do
  run chrome-role-conflict "$Q&secs=4&lite=1"
  [ -n "$(tshark -r "$DIR/chrome-role-conflict.pcap" -Y 'stun.att.error.class==4 && stun.att.error==87' 2>/dev/null)" ] && break
done
# DTLS handshake carried inside STUN Binding requests/responses (field trial, SPED draft)
run chrome-ice-dtls "$Q&secs=4" --force-fieldtrials=WebRTC-IceHandshakeDtls/Enabled/
# TURN, relay only
TS="$HERE/../turn/turnserver.sh"
"$TS" start "$DIR/coturn-chrome" -f --stale-nonce=10 --max-allocate-lifetime=30
T="turn=turn:127.0.0.1:3478?transport=udp&tu=user&tp=pass"
CAPFILTER="udp or tcp" run chrome-turn-udp "$Q&secs=25&$T"
T="turn=turn:127.0.0.1:3478?transport=tcp&tu=user&tp=pass"
CAPFILTER="udp or tcp" run chrome-turn-tcp "$Q&secs=6&$T"
"$TS" stop "$DIR/coturn-chrome"
