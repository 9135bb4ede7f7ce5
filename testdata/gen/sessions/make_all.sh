#!/bin/bash
# Remake every capture of testdata/sessions/ (as root; about 3 minutes):
#   make_all.sh [OUTDIR]            (default: ../../sessions)
# Sets up the namespaces (netns.sh), runs each session, then truth.py and tshark's
# RTP stream table for each capture. Python: aiortc 1.16 in $VENV (default
# /tmp/venv-aiortc), NetfilterQueue in $NFQPY's environment (default
# /tmp/venv-nfq/bin/python); see README.md for how to make both.
# Every run differs in timing, so a remake gives different SSRCs, ports and
# fates; the truth files are only valid for the captures they were made with.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=$(realpath -m "${1:-$HERE/../../sessions}")
TMP=$(mktemp -d /tmp/t5make.XXXX)
export VENV=${VENV:-/tmp/venv-aiortc} NFQPY=${NFQPY:-/tmp/venv-nfq/bin/python}
[ -x "$VENV/bin/python" ] || { python3 -m venv "$VENV" && "$VENV/bin/pip" install -q aiortc==1.16.0; }
[ -x "$NFQPY" ] || { python3 -m venv --system-site-packages "${NFQPY%/bin/python}" &&
  "${NFQPY%/python}/pip" install -q NetfilterQueue==1.1.0; }
export NS=${NS:-t5}
ip netns list | grep -q "^${NS}r" || "$HERE/netns.sh" up
IMP="--loss 0.03 --dup 0.01 --reorder 0.02:1:3"
T="$HERE/truth.py"
streams() {  # tshark's RTP stream table of both captures, command first
  local n
  for n in "$1" "$1.before"; do
    ( cd "$OUT" && { echo "# tshark -r $n.pcap -q -o rtp.heuristic_rtp:TRUE -z rtp,streams";
      tshark -r "$n.pcap" -q -o rtp.heuristic_rtp:TRUE -z rtp,streams 2>/dev/null; } > "$n.rtp-streams.txt" )
  done
}
keep() {  # drop the run logs nobody needs
  rm -f "$OUT/$1".*.stderr "$OUT/$1".*.log
}
aiortc() {  # NAME SEED IMPAIR-EXTRA -- aiortc_peer.py options
  local n=$1 seed=$2 extra=$3; shift 3
  IMPAIR="--seed $seed $IMP $extra" "$HERE/run_aiortc.sh" "$TMP" "$n" "$@" > /dev/null
  mv "$TMP/$n".* "$OUT/"
  (cd "$OUT" && python3 "$T" "$n.truth.json" --capture "$n.pcap" --capture-point "the veth of B (receiver side)" \
     --before "$n.before.pcap" --before-point "${BPOINT:-the veth of A (sender side, before the impairer)}" \
     ${BY_SSRC:+--before-by-ssrc} --impair-log "$n.impair.tsv" --peer offer="$n.offer.json" --peer answer="$n.answer.json" \
     --producer "aiortc 1.16.0 <-> aiortc 1.16.0 ($*)" --impairment "impair.py --seed $seed $IMP $extra")
  streams "$n"; keep "$n"
}
mkdir -p "$OUT"
aiortc aiortc-bundle 1 "" --family 4 --secs 12 --video-bitrate 100000
aiortc aiortc-nobundle 2 "" --family 4 --bundle max-compat --secs 12 --video-bitrate 100000
aiortc aiortc-ipv6 3 "" --family 6 --secs 12 --video-bitrate 100000
aiortc aiortc-wrap 4 "--wrap-reorder 3" --family 4 --secs 10 --video-bitrate 100000 --seq-start 65500

# TURN: coturn in R (198.18.1.1, user/pass, realm "realm"), both peers relay-only
ip netns exec ${NS}r turnserver -n --no-cli --log-file stdout --simple-log -a -u user:pass -r realm \
  --listening-ip 198.18.1.1 --relay-ip 198.18.1.1 --min-port 49200 --max-port 49300 \
  --no-tls --no-dtls --no-tcp-relay --userdb "$TMP/turndb" > "$TMP/turnserver.log" 2>&1 & TURN=$!
sleep 2
IMPAIR_DIR=tob BEFORE_CAP=${NS}r:lo BY_SSRC=1 BPOINT="lo of R (between the TURN relay addresses, before the impairer)" \
  aiortc aiortc-turn 31 "" --family 4 --secs 8 --video-bitrate 100000 \
  --turn turn:198.18.1.1:3478 --turn-user user --turn-pass pass --relay-only
kill $TURN; wait $TURN 2>/dev/null

gst() {  # NAME SEED IMPAIR-EXTRA -- gst_rtpbin.py options
  local n=$1 seed=$2 extra=$3; shift 3
  IMPAIR="--seed $seed $IMP $extra" "$HERE/run_gst.sh" "$TMP" "$n" "$@" > /dev/null
  mv "$TMP/$n".* "$OUT/"
  (cd "$OUT" && python3 "$T" "$n.truth.json" --capture "$n.pcap" --capture-point "the veth of B (receiver side)" \
     --before "$n.before.pcap" --before-point "the veth of A (sender side, before the impairer)" \
     --impair-log "$n.impair.tsv" --peer send="$n.send.json" --peer recv="$n.recv.json" --rtcp-clear \
     --clock 96=90000,102=90000,111=48000 \
     --producer "GStreamer 1.22 rtpbin sender -> rtpbin receiver ($*)" --impairment "impair.py --seed $seed $IMP $extra")
  streams "$n"; keep "$n"
}
gst gst-pcmu-vp8 11 "--wrap-reorder 2" --secs 12 --audio pcmu --video vp8 --audio-seq 65300 --video-seq 65450
gst gst-opus-h264 12 "" --secs 12 --audio opus --video h264 --audio-seq 65300 --video-seq 65450

n=sipp-pcma-echo
IMPAIR="--seed 21 $IMP" "$HERE/run_sipp.sh" "$TMP" $n > /dev/null
mv "$TMP/$n".* "$OUT/"
(cd "$OUT" && python3 "$T" "$n.truth.json" --capture "$n.pcap" --capture-point "the veth of B (uas side)" \
   --before "$n.before.pcap" --before-point "the veth of A (uac side, before the impairer)" --impair-log "$n.impair.tsv" \
   --clock 101=8000 --producer "SIPp 3.6.1 uac (uac_pcap: g711a.pcap + dtmf_2833_1.pcap) -> SIPp uas -rtp_echo" \
   --impairment "impair.py --seed 21 $IMP")
streams $n; keep $n
rm -rf "$TMP"
ls -l "$OUT"
