#!/bin/sh
# tshark references for the ICE/TURN and DTLS analysis tests
# (crates/rtcinspect-analysis/tests/ice_dtls.rs): for each capture F,
#   F.stun-fields.txt  one row per frame tshark decodes as STUN (incl. ChannelData)
#   F.dtls-fields.txt  one row per frame tshark decodes as DTLS
#   F.cert-fingerprints.txt  `openssl x509 -fingerprint -sha256` of every certificate
#                            tshark shows in a DTLS Certificate message (clear only)
# Line 1 of each file is the command that made it. Run from testdata/captures.
# Made with tshark 4.0.17 and OpenSSL 3.0 (Debian 12).
set -eu
cd "$(dirname "$0")/../../captures"
STUN='-Y stun -T fields -E header=y -E occurrence=a -E aggregator=, -e frame.number -e frame.time_epoch -e ip.src -e ipv6.src -e udp.srcport -e tcp.srcport -e ip.dst -e ipv6.dst -e udp.dstport -e tcp.dstport -e stun.type -e stun.id -e stun.att.type -e stun.att.username -e stun.att.error.class -e stun.att.error -e stun.att.tie-breaker -e stun.att.lifetime -e stun.att.channelnum -e stun.channel -e stun.att.ipv4 -e stun.att.ipv6 -e stun.att.port -e stun.response-to -e stun.time -e stun.reqduplicate -e _ws.expert.message'
DTLS='-Y dtls -T fields -E header=y -E occurrence=a -E aggregator=, -e frame.number -e frame.time_epoch -e ip.src -e ipv6.src -e udp.srcport -e ip.dst -e ipv6.dst -e udp.dstport -e dtls.record.content_type -e dtls.record.version -e dtls.record.epoch -e dtls.handshake.type -e dtls.handshake.message_seq -e dtls.handshake.fragment_offset -e dtls.handshake.version -e dtls.handshake.ciphersuite -e dtls.use_srtp.protection_profile -e dtls.handshake.extensions.supported_version -e dtls.alert_message.level -e dtls.alert_message.desc'
for f in chrome-dtls13 chrome-dtls13-rsa4096 chrome-role-conflict chrome-ice-dtls chrome-turn-udp chrome-turn-tcp \
         chrome-aiortc-offer chrome-aiortc-answer coturn-udp coturn-send coturn-tcp coturn-ipv6 \
         coturn-dual coturn-mobility; do
    { echo "tshark -r $f.pcap $STUN"; tshark -r "$f.pcap" $STUN 2>/dev/null; } > "$f.stun-fields.txt"
done
# Public: Zoom DTLS 1.2, the server Certificate fragmented over four datagrams.
f=public/ndpi/stun_zoom-first40
{ echo "tshark -r $f.pcapng $DTLS"; tshark -r "$f.pcapng" $DTLS 2>/dev/null; } > "$f.dtls-fields.txt"

for f in chrome-dtls13 chrome-dtls13-rsa4096 chrome-turn-udp chrome-aiortc-offer chrome-aiortc-answer \
         openssl-dtls12 openssl-dtls12-mtu300 openssl-dtls12-alert openssl-dtls10 gnutls-dtls12; do
    { echo "tshark -r $f.pcap $DTLS"; tshark -r "$f.pcap" $DTLS 2>/dev/null; } > "$f.dtls-fields.txt"
done
for f in chrome-aiortc-offer chrome-aiortc-answer openssl-dtls12 openssl-dtls12-mtu300 gnutls-dtls12 \
         public/ndpi/stun_zoom-first40; do
    p=$f.pcap
    [ -f "$p" ] || p=$f.pcapng
    CMD="tshark -r $p -Y dtls.handshake.certificate -T fields -e frame.number -e dtls.handshake.certificate | per certificate: xxd -r -p | openssl x509 -inform DER -noout -fingerprint -sha256"
    {
        echo "$CMD"
        tshark -r "$p" -Y dtls.handshake.certificate -T fields -E occurrence=a -E aggregator=' ' \
            -e frame.number -e dtls.handshake.certificate 2>/dev/null |
        while read -r frame certs; do
            for c in $certs; do
                fp=$(echo "$c" | tr -d ':' | xxd -r -p | openssl x509 -inform DER -noout -fingerprint -sha256 | sed 's/.*=//')
                printf '%s\t%s\n' "$frame" "$fp"
            done
        done
    } > "$f.cert-fingerprints.txt"
done
