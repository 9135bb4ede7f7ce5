#!/bin/bash
# tshark references of the capture-layer corpus: for every capture in
# testdata/captures/formats/ write NAME.fields.txt = "# " + the exact tshark command
# (run from the repository root), then tshark's output, one line per frame.
#   make_fields.sh            (re)write every NAME.fields.txt
#   make_fields.sh --check    compare them with a fresh tshark run, change nothing
# Column meanings: testdata/captures/formats/README.md.  Needs tshark 4.0 with Lua.
set -u
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
cd "$ROOT" || exit 1
DIR=testdata/captures/formats
LUA=testdata/gen/capture/rtci_fields.lua
FIELDS="-e frame.number -e frame.time_epoch -e rtci.src -e rtci.dst -e rtci.srcport -e rtci.dstport -e rtci.transport -e rtci.payload_len -e rtci.payload_caplen -e frame.cap_len -e frame.len -e ip.flags.mf -e ip.frag_offset -e ipv6.fraghdr.more -e ipv6.fraghdr.offset -e ip.reassembled_in -e ipv6.reassembled.in -e ip.reassembled.length -e ipv6.reassembled.length -e vlan.id -e ieee8021ad.id -e sll.pkttype -e sll.hatype -e sll.ifindex -e sll.etype -e frame.interface_id -e frame.section_number -e rtci.encap -e frame.protocols"
check=0; [ "${1:-}" = --check ] && check=1
status=0
for f in "$DIR"/*.pcap "$DIR"/*.pcapng; do
  out=${f%.*}.fields.txt
  cmd="tshark -n -2 -X lua_script:$LUA -o ip.defragment:TRUE -o ipv6.defragment:TRUE -r $f -T fields -E separator=, -E header=n -E aggregator=';' $FIELDS"
  new=$( { echo "# $cmd"; eval "$cmd" 2>/dev/null; } )
  if [ $check = 1 ]; then
    if [ "$new" != "$(cat "$out" 2>/dev/null)" ]; then echo "DIFFERS: $out"; status=1; fi
  else
    printf '%s\n' "$new" > "$out"
  fi
done
[ $check = 1 ] && [ $status = 0 ] && echo "all fields files match"
exit $status
