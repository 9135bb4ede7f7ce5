#!/bin/bash
# Three network namespaces for impaired calls:  A <-veth-> R <-veth-> B
#   netns.sh up | down | status
# A (ns ${NS}a, dev ${NS}a0): 198.18.1.2/24, fd00:5:1::2/64   (RFC 2544 benchmark
# B (ns ${NS}b, dev ${NS}b0): 198.18.2.2/24, fd00:5:2::2/64    range + ULA: nothing
# R (ns ${NS}r, devs ${NS}ra / ${NS}rb): .1 / ::1 on both sides  leaves the machine)
# R forwards between A and B. Checksum/segmentation offloads are switched off on
# every veth so that captured UDP checksums are final and a copy of a packet can be
# re-sent as is. The impairer (impair.py) is hooked into R's FORWARD chain by
# impair_rules.sh. NS (default t5) prefixes every name.
set -eu
NS=${NS:-t5}
A=${NS}a; B=${NS}b; R=${NS}r
off() { ip netns exec "$1" ethtool -K "$2" tx off rx off tso off gso off gro off >/dev/null 2>&1 || true; }
case "${1:-up}" in
up)
  for n in $A $B $R; do ip netns add $n; ip -n $n link set lo up; done
  ip link add ${A}0 netns $A type veth peer name ${R}a netns $R
  ip link add ${B}0 netns $B type veth peer name ${R}b netns $R
  ip -n $A addr add 198.18.1.2/24 dev ${A}0
  ip -n $B addr add 198.18.2.2/24 dev ${B}0
  ip -n $R addr add 198.18.1.1/24 dev ${R}a
  ip -n $R addr add 198.18.2.1/24 dev ${R}b
  ip -n $A -6 addr add fd00:5:1::2/64 dev ${A}0 nodad
  ip -n $B -6 addr add fd00:5:2::2/64 dev ${B}0 nodad
  ip -n $R -6 addr add fd00:5:1::1/64 dev ${R}a nodad
  ip -n $R -6 addr add fd00:5:2::1/64 dev ${R}b nodad
  for d in "$A ${A}0" "$B ${B}0" "$R ${R}a" "$R ${R}b"; do
    set -- $d; ip -n $1 link set $2 up; off $1 $2
  done
  ip -n $A route add default via 198.18.1.1
  ip -n $B route add default via 198.18.2.1
  ip -n $A -6 route add default via fd00:5:1::1
  ip -n $B -6 route add default via fd00:5:2::1
  ip netns exec $R sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1
  sleep 1
  echo "netns $A $R $B up"
  ;;
down)
  for n in $A $B $R; do ip netns del $n 2>/dev/null || true; done
  ;;
status)
  for n in $A $B $R; do echo "== $n"; ip -n $n -br addr; done
  ;;
esac
