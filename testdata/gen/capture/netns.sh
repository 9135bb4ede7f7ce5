#!/bin/bash
# Network namespaces for the capture-layer corpus (testdata/captures/formats/).
#   netns.sh up     create them      netns.sh down   delete them (and what runs in them)
#
#   rtcicap-a  eth0 ---- veth ---- eth0  rtcicap-b      10.70.0.1/24 fd70::1/64  <->  10.70.0.2/24 fd70::2/64
#              wan0 -- a1 [rtcicap-w] b1 -- wan0        10.71.0.1/24 fd71::1/64  <->  10.71.0.2/24 fd71::2/64
#              tun0 ===== tunlink.py ===== tun0         10.72.0.1 peer .2, fd72::1/64 <-> 10.72.0.2, fd72::2/64
#
# eth0: a plain veth pair, MTU 1500, ARP / neighbour discovery left alone.
# wan0: a veth in each end namespace, joined in rtcicap-w by the user-space bridge
#       wire.py (AF_PACKET on a1 and b1), which can tag, drop, reorder and log; static
#       neighbour entries (tagged frames are dropped by b's stack, so ARP could not work);
#       MTU 1600 on b1 and b's wan0 (tagged full-size frames), 1500 elsewhere.
# tun0: a tun device in each end namespace (persistent, no packet information header),
#       joined by tunlink.py: LINKTYPE_RAW captures.
# Offloads (TSO/GSO/GRO and TX checksum) are off on every veth: the captures hold
# wire-sized frames with complete checksums, and wire.py can forward what it reads.
# The kernel (6.18, no modules) has no 8021q, no bridge VLAN filtering, no act_vlan,
# no ipip/gre/sit: VLAN tags come from wire.py (see wire.py and README).
set -eu
A=rtcicap-a; B=rtcicap-b; W=rtcicap-w
off() { ip netns exec "$1" ethtool -K "$2" tx off tso off gso off gro off >/dev/null 2>&1 || true; }
case ${1:-} in
up)
  for n in $A $B $W; do ip netns add $n; ip -n $n link set lo up; done
  for n in $A $B; do
    ip netns exec $n sysctl -qw net.ipv6.conf.all.accept_ra=0 net.ipv6.conf.default.accept_ra=0 \
      net.ipv6.conf.default.router_solicitations=0
  done
  ip netns exec $W sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
  # eth0: direct veth
  ip link add rtcicap-ea netns $A address 02:00:00:70:00:01 type veth peer name rtcicap-eb netns $B address 02:00:00:70:00:02
  ip -n $A link set rtcicap-ea name eth0; ip -n $B link set rtcicap-eb name eth0
  ip -n $A addr add 10.70.0.1/24 dev eth0; ip -n $A addr add fd70::1/64 dev eth0 nodad
  ip -n $B addr add 10.70.0.2/24 dev eth0; ip -n $B addr add fd70::2/64 dev eth0 nodad
  # wan0: a -- w -- b
  ip link add rtcicap-wa netns $A address 02:00:00:71:00:01 type veth peer name a1 netns $W
  ip link add rtcicap-wb netns $B address 02:00:00:71:00:02 type veth peer name b1 netns $W
  ip -n $A link set rtcicap-wa name wan0; ip -n $B link set rtcicap-wb name wan0
  ip -n $A addr add 10.71.0.1/24 dev wan0; ip -n $A addr add fd71::1/64 dev wan0 nodad
  ip -n $B addr add 10.71.0.2/24 dev wan0; ip -n $B addr add fd71::2/64 dev wan0 nodad
  for n in $A $B; do off $n eth0; off $n wan0; ip -n $n link set eth0 up; ip -n $n link set wan0 up; done
  for i in a1 b1; do off $W $i; ip -n $W link set $i up; done
  # room for the 8 bytes of two VLAN tags wire.py may add on the way to b
  ip -n $W link set b1 mtu 1600; ip -n $B link set wan0 mtu 1600
  ip -n $A neigh replace 10.71.0.2 lladdr 02:00:00:71:00:02 dev wan0 nud permanent
  ip -n $A neigh replace fd71::2 lladdr 02:00:00:71:00:02 dev wan0 nud permanent
  ip -n $B neigh replace 10.71.0.1 lladdr 02:00:00:71:00:01 dev wan0 nud permanent
  ip -n $B neigh replace fd71::1 lladdr 02:00:00:71:00:01 dev wan0 nud permanent
  # tun0 (tunlink.py attaches to both)
  for n in $A $B; do ip -n $n tuntap add mode tun name tun0; done
  ip -n $A addr add 10.72.0.1 peer 10.72.0.2 dev tun0; ip -n $A addr add fd72::1/64 dev tun0 nodad
  ip -n $B addr add 10.72.0.2 peer 10.72.0.1 dev tun0; ip -n $B addr add fd72::2/64 dev tun0 nodad
  for n in $A $B; do ip -n $n link set tun0 up; done
  ;;
down)
  for n in $A $B $W; do
    for p in $(ip netns pids $n 2>/dev/null); do kill "$p" 2>/dev/null || true; done
  done
  sleep 0.5
  for n in $A $B $W; do ip netns del $n 2>/dev/null || true; done
  ;;
*) echo "usage: $0 up|down" >&2; exit 2 ;;
esac
