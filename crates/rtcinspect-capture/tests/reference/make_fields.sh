#!/usr/bin/env bash
# Regenerates the tshark references the differential test (tests/tshark.rs) reads:
# one NAME.fields.txt per capture, a header line then one line per frame.
#   make_fields.sh CAPTURE... (writes beside this script, named after the capture's
#   path under testdata/captures with / turned into __)
# Made with TShark 4.0 (Debian 12); default preferences (IPv4/IPv6 reassembly on).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../../.." && pwd)"
for cap in "$@"; do
    rel="$(realpath --relative-to="$root/testdata/captures" "$cap")"
    out="$here/${rel//\//__}.fields.txt"
    tshark -n -r "$cap" -T fields -E header=y -E separator=/t -E occurrence=f \
        -e frame.number -e frame.interface_id -e frame.cap_len -e frame.len \
        -e frame.protocols -e ip.src -e ip.dst -e ipv6.src -e ipv6.dst \
        -e udp.srcport -e udp.dstport -e udp.length \
        -e tcp.srcport -e tcp.dstport -e tcp.len > "$out"
    echo "$out: $(($(wc -l < "$out") - 1)) frames"
done
