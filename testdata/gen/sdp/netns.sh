#!/bin/bash
# Create (idempotently) the network namespace "rtci-sdp" every SDP generator
# runs in: lo plus a veth pair whose both ends stay inside the namespace, with
# the documentation addresses 192.0.2.2/24 and fd00::2/64 on v0 and default
# routes through it. Endpoints see an ordinary "host" interface to gather ICE
# candidates on, but nothing they send (STUN to default servers, mDNS
# announcements, ...) can leave the namespace.
#   netns.sh          create
#   netns.sh delete   remove it
set -e
NS=rtci-sdp
if [ "${1:-}" = delete ]; then ip netns del $NS 2>/dev/null || true; exit 0; fi
if ip netns list | grep -qw $NS; then exit 0; fi
ip netns add $NS
ip netns exec $NS sh -e -c '
  ip link set lo up
  ip link add v0 type veth peer name v1
  ip link set v0 multicast on
  ip addr add 192.0.2.2/24 dev v0
  ip -6 addr add fd00::2/64 dev v0 nodad
  ip link set v0 up; ip link set v1 up
  ip route add default via 192.0.2.1 dev v0 onlink
  ip -6 route add default via fd00::1 dev v0 onlink
'
