#!/bin/bash
# coturn 4.6.1 (Debian 12) captures: turnserver on loopback (turnserver.sh: long-term
# credentials user / pass, realm "realm", FINGERPRINT on, MICE mobility on) and its own
# test clients turnutils_uclient / turnutils_stunclient / turnutils_natdiscovery, one
# capture per scenario, into DIR (default /tmp/cap/turn).  Needs root (tcpdump).
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
DIR=${1:-/tmp/cap/turn}; mkdir -p "$DIR"; cd "$DIR"
"$HERE/turnserver.sh" start "$DIR/coturn" -f --mobility
turnutils_peer -L 127.0.0.1 -L ::1 -p 3480 > peer.log 2>&1 & PEER=$!
sleep 1
cap() {  # cap NAME command...: one capture of one client run
  n=$1; shift
  tcpdump -i lo -U -s 0 -w "coturn-$n.pcap" \
    'port 3478 or port 3479 or port 5349 or port 3480 or portrange 49200-49300' 2>/dev/null & T=$!
  sleep 0.5; echo "$*" > "coturn-$n.cmd"
  timeout 30 "$@" > "coturn-$n.out" 2>&1; echo "$n rc=$?"
  sleep 0.5; kill $T; wait $T 2>/dev/null
}
U="turnutils_uclient -u user -w pass"
# two clients talking to each other through relays, RTP+RTCP pairs (EVEN-PORT with
# R bit + RESERVATION-TOKEN), DONT-FRAGMENT, channels (ChannelData over UDP)
cap udp $U -y -g -n 5 -m 1 127.0.0.1
# Send / Data indications (no channels) to turnutils_peer (echo) on 127.0.0.1:3480
cap send $U -s -e 127.0.0.1 -n 3 -m 1 -c 127.0.0.1
# ChannelData over UDP padded to 4 bytes (-D, "like pjnath"; 101-byte messages)
cap pad $U -D -l 101 -y -c -n 3 -m 1 127.0.0.1
# TURN over TCP: STUN over TCP (no framing) and ChannelData padded to 4 bytes
cap tcp $U -t -y -c -n 3 -m 1 127.0.0.1
# over IPv6 (::1) with an IPv6 relay: REQUESTED-ADDRESS-FAMILY, IPv6 XOR addresses
cap ipv6 $U -x -e ::1 -n 3 -m 1 -c ::1
# dual allocation (RFC 8656 ADDITIONAL-ADDRESS-FAMILY, two XOR-RELAYED-ADDRESS)
cap dual $U -Z -e 127.0.0.1 -n 3 -m 1 127.0.0.1
# TURN mobility (MOBILITY-TICKET)
cap mobility $U -M -y -c -n 3 -m 1 127.0.0.1
# TURN over DTLS (coturn's OpenSSL client and server: DTLS 1.0 then 1.2, with cookie)
cap dtls $U -S -y -c -n 3 -m 1 127.0.0.1
# plain STUN / RFC 5780 (CHANGE-REQUEST, RESPONSE-PORT, PADDING, RESPONSE-ORIGIN,
# OTHER-ADDRESS, MAPPED-ADDRESS)
cap stunclient turnutils_stunclient 127.0.0.1
cap natdiscovery turnutils_natdiscovery -m -f -c -H -P -A 127.0.0.2 127.0.0.1
kill $PEER
"$HERE/turnserver.sh" stop "$DIR/coturn"
ls -l "$DIR"/*.pcap
