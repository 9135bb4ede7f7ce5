#!/bin/sh
# Writes testdata/captures/NAME.packet-fields.txt for each capture named: tshark's
# per-frame RTP, RTCP, STUN and DTLS header fields, the reference of
# crates/rtcinspect/tests/packet_fields.rs. Line 1 is the tshark command (with the
# capture as $F); the rest is its output. Run from the repository root:
#   testdata/gen/packets/make_packet_fields.sh chrome-vp8 gst-vp8-twcc-rtx coturn-udp chrome-ice-dtls chrome-turn-udp
set -eu
cmd='tshark -r $F -o rtp.heuristic_rtp:TRUE -o rtcp.heuristic_rtcp:TRUE -T fields -E occurrence=a -E aggregator=, -e frame.number -e rtp.ssrc -e rtp.seq -e rtp.timestamp -e rtp.p_type -e rtp.marker -e rtcp.pt -e rtcp.senderssrc -e stun.type -e stun.id -e dtls.record.content_type -e dtls.record.epoch -e dtls.record.sequence_number -e dtls.handshake.type'
for name in "$@"; do
    F="testdata/captures/$name.pcap"
    out="testdata/captures/$name.packet-fields.txt"
    {
        echo "$cmd"
        eval "$cmd" 2>/dev/null
    } > "$out"
    echo "$out: $(($(wc -l < "$out") - 1)) frames"
done
