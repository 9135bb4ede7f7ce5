#!/bin/bash
# Send forwarded UDP through NFQUEUE QUEUE in the router namespace (see netns.sh):
#   impair_rules.sh add|del [QUEUE] [DIR]
# DIR: ab (default: only A -> B is queued), ba, both, or tob: what R itself sends
# to B (OUTPUT chain, e.g. a TURN server in R relaying to B). IPv4 and IPv6.
set -eu
NS=${NS:-t5}; R=${NS}r
OP=$1; Q=${2:-55}; DIR=${3:-ab}
case $OP in add) F=-A;; del) F=-D;; *) exit 2;; esac
for T in iptables ip6tables; do
  if [ "$DIR" = ab ] || [ "$DIR" = both ]; then
    ip netns exec $R $T $F FORWARD -i ${R}a -o ${R}b -p udp -j NFQUEUE --queue-num "$Q" || true
  fi
  if [ "$DIR" = ba ] || [ "$DIR" = both ]; then
    ip netns exec $R $T $F FORWARD -i ${R}b -o ${R}a -p udp -j NFQUEUE --queue-num "$Q" || true
  fi
  if [ "$DIR" = tob ]; then
    ip netns exec $R $T $F OUTPUT -o ${R}b -p udp -m mark ! --mark 0x5a5 -j NFQUEUE --queue-num "$Q" || true
  fi
done
