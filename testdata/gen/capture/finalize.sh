#!/bin/bash
# From the raw captures of make_all.sh to the files of testdata/captures/formats/:
# copies under their final names, then the file-format variants and damaged copies.
#   finalize.sh RAWDIR FINALDIR
# Writes FINALDIR/damage.tsv (what damage.py changed) and FINALDIR/derived.log (each
# command).  Needs tshark/editcap/tcpdump and Debian's python3 with python3-scapy.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
RAW=$1; FIN=$2; mkdir -p "$FIN"
PY=/usr/bin/python3
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
LOG=$FIN/derived.log; : > "$LOG"
run() { echo "$*" | sed "s|$RAW/||g; s|$FIN/||g; s|$HERE/||g; s|$TMP/|tmp/|g" >> "$LOG"; "$@"; }

# captured as they are
for f in pcap-le-usec-lo.pcap pcap-nsec.pcap pcap-snaplen96.pcap pcapng-dumpcap-multi-if.pcapng \
         eth-rtp-rtcp.pcap vlan-8021q.pcap vlan-qinq.pcap sll-any.pcap sll2-any.pcap raw-tun.pcap \
         ipv4-linktype.pcap unsupported-nflog.pcap ipv6-udp-exthdr.pcap ipv6-frag.pcap \
         ipv4-frag.pcap frag-reversed.pcap ipv4-options.pcap rfc4571-tcp.pcap \
         stun-tcp-coturn.pcap turn-udp-channeldata.pcap tcp-impaired-rx.pcap \
         tcp-impaired-tx.pcap tcp-impaired.fate.tsv frag-reversed.wire.tsv; do
  cp "$RAW/$f" "$FIN/$f"; chmod 644 "$FIN/$f"
done

# pcap variants
run $PY "$HERE/pcap_convert.py" endian "$FIN/pcap-le-usec-lo.pcap" "$FIN/pcap-be-usec.pcap"
run $PY "$HERE/pcap_convert.py" endian "$FIN/pcap-nsec.pcap" "$FIN/pcap-be-nsec.pcap"
run $PY "$HERE/pcap_convert.py" null "$FIN/raw-tun.pcap" "$FIN/null-bsd.pcap"
run $PY "$HERE/pcap_convert.py" loop "$FIN/raw-tun.pcap" "$FIN/loop-openbsd.pcap"
run tcpdump -r "$FIN/raw-tun.pcap" -w "$TMP/v6.pcap" ip6 2>/dev/null
run editcap -F pcap -T rawip6 "$TMP/v6.pcap" "$FIN/ipv6-linktype.pcap"
# mid-stream: the RFC 4571 TCP capture without its first 5 frames (SYN, SYN-ACK, ACK,
# first data segment and its ACK)
run editcap -F pcap -r "$FIN/rfc4571-tcp.pcap" "$FIN/tcp-midstream.pcap" 6-1000000

# pcapng variants
run $PY "$HERE/pcapng_tool.py" swap "$FIN/pcapng-dumpcap-multi-if.pcapng" "$FIN/pcapng-be-multi-if.pcapng"
run editcap -F pcapng "$FIN/pcap-le-usec-lo.pcap" "$FIN/pcapng-editcap-usec.pcapng"
run editcap -F pcapng "$FIN/pcap-nsec.pcap" "$TMP/nsec.pcapng"
run $PY "$HERE/pcapng_tool.py" tsresol "$TMP/nsec.pcapng" "$FIN/pcapng-tsresol-pow2.pcapng" --pow2 20
run $PY "$HERE/pcapng_tool.py" tsoffset "$FIN/pcapng-editcap-usec.pcapng" "$FIN/pcapng-tsoffset.pcapng" --seconds 1700000000
run editcap -F pcapng "$FIN/pcap-snaplen96.pcap" "$TMP/snap.pcapng"
run $PY "$HERE/pcapng_tool.py" spb "$TMP/snap.pcapng" "$FIN/pcapng-spb.pcapng"
# NRB: tshark writes the hosts-file entries of the addresses it resolved while dissecting;
# with -Y frame tshark 4.0.17 resolved (and wrote) only the IPv6 ones, with this filter
# (which every frame of the capture matches: all are ARP, IPv4 or IPv6) all six
run tshark -N n -W n -H "$HERE/nrb-hosts.txt" -r "$FIN/pcapng-dumpcap-multi-if.pcapng" -Y 'ip or ipv6 or arp' -w "$FIN/pcapng-nrb.pcapng" 2>/dev/null
run editcap --inject-secrets "tls,$RAW/tls.keylog" "$RAW/tls.pcapng" "$FIN/pcapng-dsb-tls.pcapng"
echo "cat sec1.pcapng sec2.pcapng > pcapng-two-sections.pcapng" >> "$LOG"
cat "$RAW/sec1.pcapng" "$RAW/sec2.pcapng" > "$FIN/pcapng-two-sections.pcapng"
run $PY "$HERE/pcapng_tool.py" swap "$RAW/sec2.pcapng" "$TMP/sec2-be.pcapng"
echo "cat sec1.pcapng tmp/sec2-be.pcapng > pcapng-mixed-endian-sections.pcapng" >> "$LOG"
cat "$RAW/sec1.pcapng" "$TMP/sec2-be.pcapng" > "$FIN/pcapng-mixed-endian-sections.pcapng"

# damaged copies (damage.tsv: file, change, byte offset, old bytes, new bytes)
D="$PY $HERE/damage.py"
{
  printf '# file\tchange\tbyte offset\told\tnew\n'
  run $D cut "$FIN/pcap-le-usec-lo.pcap" "$FIN/damaged-cut-mid-record.pcap"
  run $D past-eof "$FIN/pcap-le-usec-lo.pcap" "$FIN/damaged-record-past-eof.pcap" --record 40
  run $D blocklen "$FIN/pcapng-dumpcap-multi-if.pcapng" "$FIN/damaged-pcapng-block-length.pcapng" --record 10
  run $D cut "$FIN/pcapng-dumpcap-multi-if.pcapng" "$FIN/damaged-pcapng-cut.pcapng"
  run $D ihl "$FIN/pcap-le-usec-lo.pcap" "$FIN/damaged-ipv4-ihl.pcap" --record 10 --ihl 4
  run $D totlen "$FIN/pcap-le-usec-lo.pcap" "$FIN/damaged-ipv4-totlen.pcap" --record 20 --extra 200
} > "$FIN/damage.tsv"
chmod 644 "$FIN"/*
ls -l "$FIN"
