#!/bin/bash
# Captures for the capture-layer corpus (testdata/captures/formats/), made with real tools
# in private network namespaces (netns.sh): tcpdump, dumpcap, ffmpeg, GStreamer, coturn,
# openssl, the Linux kernel (fragments, IPv4 options, IPv6 extension headers, TCP
# retransmissions); then the file-format variants (editcap, scapy, pcapng_tool.py) and the
# damaged copies (damage.py).  Needs root.
#
#   make_all.sh [OUTDIR [SCENARIO...]]     default OUTDIR /tmp/cap/formats, all scenarios
#
# Raw captures go to OUTDIR/raw/, logs to OUTDIR/log/; after a run of all scenarios
# finalize.sh derives the files as committed into OUTDIR/final/ (copy them to
# testdata/captures/formats/ and run make_fields.sh).  A new run gives new captures
# (random ports, SSRCs, timing): the committed files are the reference.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${1:-/tmp/cap/formats}; shift || true
SCEN=${*:-"lo nsec snaplen multiif eth vlan qinq sll raw nflog ipv6 ipv6frag ipv4frag reversed ipv4opt rfc4571 stuntcp turnudp tcpimpair tls sections"}
RAW=$OUT/raw; FIN=$OUT/final; LOG=$OUT/log
mkdir -p "$RAW" "$FIN" "$LOG"
PY=/usr/bin/python3                      # Debian's python3 (python3-scapy lives there)
A="ip netns exec rtcicap-a"; B="ip netns exec rtcicap-b"; W="ip netns exec rtcicap-w"
FF="ffmpeg -hide_banner -loglevel error -nostdin"
CAPS=()

cap() {   # cap NS IFACE FILE [tcpdump options / filter...]: start tcpdump in NS
  local ns=$1 ifc=$2 f=$3; shift 3
  ip netns exec "rtcicap-$ns" tcpdump -i "$ifc" -U --immediate-mode -Z root -w "$RAW/$f" "$@" 2>>"$LOG/tcpdump.log" &
  CAPS+=($!); sleep 1
}
dcap() {  # dcap NS FILE dumpcap-options...: start dumpcap (pcapng) in NS
  local ns=$1 f=$2; shift 2
  ip netns exec "rtcicap-$ns" dumpcap -q "$@" -w "$RAW/$f" 2>>"$LOG/dumpcap.log" &
  CAPS+=($!); sleep 1.5
}
stopcap() { sleep 1.5; for p in "${CAPS[@]}"; do kill -INT "$p" 2>/dev/null; done
            for p in "${CAPS[@]}"; do wait "$p" 2>/dev/null; done; CAPS=(); }
run_bg() { "$@" >>"$LOG/bg.log" 2>&1 & BGP+=($!); }       # background helper, killed by bgstop
bgstop() { for p in "${BGP[@]}"; do kill "$p" 2>/dev/null; done
           for p in "${BGP[@]}"; do wait "$p" 2>/dev/null; done; BGP=(); }
BGP=()
opus() {  # opus NS DST PORT SECONDS [extra rtp url options]: ffmpeg Opus RTP (+ RTCP on PORT+1)
  ip netns exec "rtcicap-$1" $FF -re -f lavfi -i "sine=frequency=440:sample_rate=48000:duration=$4" \
    -c:a libopus -b:a 24k -payload_type 111 -ssrc 0x0A0D10F1 -f rtp "rtp://$2:$3?pkt_size=1200$5" >/dev/null
}
h264() {  # h264 NS DST PORT SECONDS PKT_SIZE: ffmpeg H.264 RTP, 320x240 15 fps
  ip netns exec "rtcicap-$1" $FF -re -f lavfi -i "testsrc=size=320x240:rate=15:duration=$4" \
    -c:v libx264 -preset ultrafast -tune zerolatency -g 15 -payload_type 96 -ssrc 0x0B1D0E05 \
    -f rtp "rtp://$2:$3?pkt_size=$5" >/dev/null
}
sink() { run_bg ip netns exec "rtcicap-$1" $PY "$HERE/udpsink.py" --seconds 60 "${@:2}"; }

"$HERE/netns.sh" down 2>/dev/null; "$HERE/netns.sh" up || exit 1
$PY "$HERE/tunlink.py" rtcicap-a tun0 rtcicap-b tun0 >"$LOG/tunlink.log" 2>&1 & TUNLINK=$!
$B sysctl -qw net.ipv6.conf.all.seg6_enabled=1 net.ipv6.conf.eth0.seg6_enabled=1
sleep 1

for s in $SCEN; do
  echo "== $s"
  case $s in
  lo)   # tcpdump -w on lo: pcap, little-endian (this host), microseconds, LINKTYPE_ETHERNET
    sink a 127.0.0.1:5004 127.0.0.1:5005
    cap a lo pcap-le-usec-lo.pcap udp
    opus a 127.0.0.1 5004 1.5 ""
    stopcap; bgstop ;;
  nsec) # tcpdump --time-stamp-precision=nano on a veth; ARP first; RTCP port closed
    sink b 10.70.0.2:5004
    $A ip neigh flush dev eth0; $B ip neigh flush dev eth0
    cap b eth0 pcap-nsec.pcap --time-stamp-precision=nano
    opus a 10.70.0.2 5004 1.0 ""
    stopcap; bgstop ;;
  snaplen) # tcpdump -s 96: caplen < origlen for every frame longer than 96 bytes
    sink b 10.70.0.2:5006 10.70.0.2:5007
    cap b eth0 pcap-snaplen96.pcap -s 96 udp
    h264 a 10.70.0.2 5006 1.0 1200
    stopcap; bgstop ;;
  multiif) # dumpcap, 4 interfaces / 4 link types in one pcapng: eth0 (Ethernet), tun0
           # (raw IP), nflog:7 (NFLOG), any (SLL2); ISBs at the end
    sink b 10.70.0.2:5004 10.72.0.2:5004 '[fd72::2]:5004'
    $A iptables -A OUTPUT -p udp --dport 5004 -j NFLOG --nflog-group 7 --nflog-threshold 1
    dcap a pcapng-dumpcap-multi-if.pcapng -i eth0 -i tun0 -i nflog:7 -i any -y LINUX_SLL2
    $A $PY "$HERE/sockopt_sender.py" 10.70.0.2 5004 --count 3 --size 120
    $A $PY "$HERE/sockopt_sender.py" 10.72.0.2 5004 --count 3 --size 120
    $A $PY "$HERE/sockopt_sender.py" fd72::2 5004 --count 3 --size 120
    stopcap; bgstop; $A iptables -F OUTPUT ;;
  eth)  # GStreamer rtpbin Opus a -> b over the veth, receiver RTCP back; ARP at the start
    $A ip neigh flush dev eth0; $B ip neigh flush dev eth0
    cap b eth0 eth-rtp-rtcp.pcap
    run_bg $B gst-launch-1.0 -q rtpbin name=r \
      udpsrc address=10.70.0.2 port=5004 caps="application/x-rtp,media=audio,clock-rate=48000,encoding-name=OPUS,payload=111" ! r.recv_rtp_sink_0 \
      r. ! rtpopusdepay ! fakesink \
      udpsrc address=10.70.0.2 port=5005 ! r.recv_rtcp_sink_0 \
      r.send_rtcp_src_0 ! udpsink host=10.70.0.1 port=5005 bind-address=10.70.0.2 bind-port=5005 sync=false async=false
    sleep 1
    $A timeout 12 gst-launch-1.0 -q rtpbin name=r \
      audiotestsrc is-live=true num-buffers=300 samplesperbuffer=960 ! audioconvert ! opusenc ! rtpopuspay pt=111 ! r.send_rtp_sink_0 \
      r.send_rtp_src_0 ! udpsink host=10.70.0.2 port=5004 bind-address=10.70.0.1 bind-port=5004 \
      r.send_rtcp_src_0 ! udpsink host=10.70.0.2 port=5005 bind-address=10.70.0.1 bind-port=5005 sync=false async=false \
      udpsrc address=10.70.0.1 port=5005 ! r.recv_rtcp_sink_0 >/dev/null 2>&1
    sleep 1; stopcap; bgstop ;;
  vlan) # 802.1Q: wire.py tags a>b frames (VID 100); capture on b's wan0
    run_bg $W $PY "$HERE/wire.py" a1 b1 --mode vlan --vid 100 --log "$LOG/vlan.wire.tsv"; sleep 1
    cap b wan0 vlan-8021q.pcap
    opus a 10.71.0.2 5004 0.4 ""
    h264 a 10.71.0.2 5006 0.3 1400
    stopcap; bgstop ;;
  qinq) # 802.1ad S-tag 300 + 802.1Q C-tag 400
    run_bg $W $PY "$HERE/wire.py" a1 b1 --mode qinq --svid 300 --cvid 400 --log "$LOG/qinq.wire.tsv"; sleep 1
    cap b wan0 vlan-qinq.pcap
    opus a 10.71.0.2 5004 0.4 ""
    h264 a 10.71.0.2 5006 0.3 1400
    stopcap; bgstop ;;
  sll)  # tcpdump -i any: LINUX_SLL and LINUX_SLL2 (tcpdump 4.99.3 / libpcap 1.10.3 pick
        # SLL2 when -y is not given) of the same traffic: veth
        # (ARPHRD_ETHER), tun (ARPHRD_NONE), lo (ARPHRD_LOOPBACK); in and out
    sink b --echo 10.70.0.2:5004 10.72.0.2:5004 '[fd72::2]:5004' 127.0.0.1:5008
    cap b any sll-any.pcap -y LINUX_SLL udp
    cap b any sll2-any.pcap -y LINUX_SLL2 udp
    $A $PY "$HERE/sockopt_sender.py" 10.70.0.2 5004 --count 4 --size 160
    $A $PY "$HERE/sockopt_sender.py" 10.72.0.2 5004 --count 4 --size 160
    $A $PY "$HERE/sockopt_sender.py" fd72::2 5004 --count 4 --size 160
    $B $PY "$HERE/sockopt_sender.py" 127.0.0.1 5008 --count 4 --size 160
    stopcap; bgstop ;;
  raw)  # tcpdump on a tun device: LINKTYPE_RAW; IPv4 and IPv6
    sink b --echo 10.72.0.2:5004 '[fd72::2]:5004'
    cap b tun0 raw-tun.pcap
    opus a 10.72.0.2 5004 0.4 ""
    $A $PY "$HERE/sockopt_sender.py" fd72::2 5004 --count 10 --size 160
    stopcap; bgstop ;;
  nflog) # tcpdump -i nflog:7: LINKTYPE_NFLOG (the unsupported link type), and the same
         # log read by libpcap as LINKTYPE_IPV4 (-y IPV4: IPv4 packets without any header)
    sink b 10.70.0.2:5004
    $A iptables -A OUTPUT -p udp --dport 5004 -j NFLOG --nflog-group 7 --nflog-threshold 1
    cap a nflog:7 unsupported-nflog.pcap
    $A $PY "$HERE/sockopt_sender.py" 10.70.0.2 5004 --count 6 --size 160
    stopcap
    cap a nflog:7 ipv4-linktype.pcap -y IPV4       # one listener per group at a time
    $A $PY "$HERE/sockopt_sender.py" 10.70.0.2 5004 --count 6 --size 160 --big-every 3 --big-size 3000
    stopcap; bgstop; $A iptables -F OUTPUT ;;
  ipv6) # IPv6 UDP session (ULA) with kernel-built extension headers: Hop-by-Hop (Router
        # Alert), Segment Routing Header (routing type 4), Destination Options; every 5th
        # datagram 3000 bytes (fragmented, extension headers split unfragmentable /
        # fragmentable); b echoes (plain IPv6, fragmented too)
    sink b --echo '[fd70::2]:6000'
    cap b eth0 ipv6-udp-exthdr.pcap ip6 and not icmp6
    $A $PY "$HERE/sockopt_sender.py" fd70::2 6000 --sport 6000 --count 20 --size 160 \
       --hbh --srh fd70::2 --dstopts --big-every 5 --big-size 3000
    stopcap; bgstop ;;
  ipv6frag) # GStreamer VP8 RTP over IPv6 with a 2800-byte payloader MTU: the kernel
            # fragments every packet larger than the 1500-byte link MTU
    cap b eth0 ipv6-frag.pcap ip6 and not icmp6
    run_bg $B gst-launch-1.0 -q udpsrc address=fd70::2 port=5010 ! fakesink
    sleep 0.5
    $A timeout 10 gst-launch-1.0 -q videotestsrc is-live=true num-buffers=8 pattern=snow \
      ! video/x-raw,width=160,height=120,framerate=15/1 ! vp8enc deadline=1 target-bitrate=400000 \
      ! rtpvp8pay mtu=2800 pt=96 ssrc=0x0C0FFEE6 ! udpsink host=fd70::2 port=5010 >/dev/null 2>&1
    stopcap; bgstop ;;
  ipv4frag) # same over IPv4 with a 4000-byte payloader MTU, + 4000-byte datagrams echoed
    sink b --echo 10.70.0.2:6002
    cap b eth0 ipv4-frag.pcap ip
    run_bg $B gst-launch-1.0 -q udpsrc address=10.70.0.2 port=5010 ! fakesink
    sleep 0.5
    $A timeout 10 gst-launch-1.0 -q videotestsrc is-live=true num-buffers=8 pattern=snow \
      ! video/x-raw,width=160,height=120,framerate=15/1 ! vp8enc deadline=1 target-bitrate=400000 \
      ! rtpvp8pay mtu=4000 pt=96 ssrc=0x0C0FFEE4 ! udpsink host=10.70.0.2 port=5010 >/dev/null 2>&1
    $A $PY "$HERE/sockopt_sender.py" 10.70.0.2 6002 --count 4 --size 4000 --pmtudisc-dont
    stopcap; bgstop ;;
  reversed) # wire.py forwards the fragments of each datagram last-first (IPv4 and IPv6)
    run_bg $W $PY "$HERE/wire.py" a1 b1 --mode frag-reverse --log "$RAW/frag-reversed.wire.tsv"; sleep 1
    sink b 10.71.0.2:6002 '[fd71::2]:6000'
    cap b wan0 frag-reversed.pcap udp or ip[6:2] != 0 or ip6
    $A $PY "$HERE/sockopt_sender.py" 10.71.0.2 6002 --count 4 --size 160 --big-every 2 --big-size 4000
    $A $PY "$HERE/sockopt_sender.py" fd71::2 6000 --count 4 --size 160 --big-every 2 --big-size 3000
    stopcap; bgstop ;;
  ipv4opt) # IPv4 options built by the kernel (IP_OPTIONS): Record Route + NOP + EOL, then
           # Timestamp; one 4000-byte datagram each (options only in the first fragment:
           # their copy flag is 0); b echoes without options
    sink b --echo 10.70.0.2:6002
    cap b eth0 ipv4-options.pcap udp or ip[6:2] != 0
    $A $PY "$HERE/sockopt_sender.py" 10.70.0.2 6002 --count 4 --size 160 --ipv4-rr --big-every 4 --big-size 4000
    $A $PY "$HERE/sockopt_sender.py" 10.70.0.2 6002 --count 4 --size 160 --ipv4-ts --big-every 4 --big-size 4000
    stopcap; bgstop ;;
  rfc4571) # RTP over TCP framed by RFC 4571: GStreamer rtpvp8pay (mtu 3000, so RTP packets
           # span several TCP segments) ! rtpstreampay ! tcpclientsink in a ->
           # tcpserversrc ! rtpstreamdepay in b
    run_bg $B timeout 20 gst-launch-1.0 -q tcpserversrc host=10.70.0.2 port=7000 \
      ! "application/x-rtp-stream,media=video,clock-rate=90000,encoding-name=VP8" ! rtpstreamdepay ! fakesink
    sleep 1
    cap b eth0 rfc4571-tcp.pcap tcp
    $A timeout 10 gst-launch-1.0 -q videotestsrc is-live=true num-buffers=20 pattern=ball \
      ! video/x-raw,width=320,height=240,framerate=15/1 ! vp8enc deadline=1 keyframe-max-dist=10 \
      ! rtpvp8pay mtu=3000 pt=96 ssrc=0x0D0E0F01 ! rtpstreampay ! tcpclientsink host=10.70.0.2 port=7000 >/dev/null 2>&1
    sleep 1; stopcap; bgstop ;;
  stuntcp) # coturn 4.6.1 in b on 10.70.0.2:3478; turnutils_uclient in a over TCP (-t):
           # STUN/TURN messages and ChannelData framed only by their own lengths on TCP
    run_bg $B turnserver -n --no-cli --log-file stdout --simple-log -a -u user:pass -r realm \
       --listening-ip 10.70.0.2 --relay-ip 10.70.0.2 --min-port 49200 --max-port 49300 \
       --no-tls --no-dtls --allow-loopback-peers --userdb /tmp/rtcicap-turndb --pidfile /tmp/rtcicap-turn.pid
    sleep 2
    cap b eth0 stun-tcp-coturn.pcap tcp
    $A timeout 20 turnutils_uclient -t -u user -w pass -y -c -n 4 -m 1 -l 120 10.70.0.2 >>"$LOG/uclient.log" 2>&1
    stopcap; bgstop; rm -f /tmp/rtcicap-turndb ;;
  turnudp) # TURN over UDP: client (a) -> coturn (b) with ChannelData, relay (b) -> peer (a)
    run_bg $B turnserver -n --no-cli --log-file stdout --simple-log -a -u user:pass -r realm \
       --listening-ip 10.70.0.2 --relay-ip 10.70.0.2 --min-port 49200 --max-port 49300 \
       --no-tls --no-dtls --userdb /tmp/rtcicap-turndb --pidfile /tmp/rtcicap-turn.pid
    run_bg $A turnutils_peer -L 10.70.0.1 -p 3480
    sleep 2
    cap b eth0 turn-udp-channeldata.pcap udp
    $A timeout 20 turnutils_uclient -u user -w pass -e 10.70.0.1 -r 3480 -c -n 6 -m 1 -l 160 10.70.0.2 >>"$LOG/uclient.log" 2>&1
    stopcap; bgstop; rm -f /tmp/rtcicap-turndb ;;
  tcpimpair) # RFC 4571 RTP over TCP a -> b through wire.py: data segments #6, #20 and #21
             # dropped (the kernel retransmits them), #12 held back behind #13; frames
             # under 60 bytes (pure ACKs) padded to 60 like a NIC would; every frame's
             # fate logged (tcp-impaired.fate.tsv); TCP timestamps off, so that pure
             # ACKs are 54-byte frames
    $A sysctl -qw net.ipv4.tcp_timestamps=0; $B sysctl -qw net.ipv4.tcp_timestamps=0
    run_bg $W $PY "$HERE/wire.py" a1 b1 --mode tcp-impair --drop 6 --hold 12 --drop 20 --drop 21 --pad --log "$RAW/tcp-impaired.fate.tsv"; sleep 1
    run_bg $B timeout 20 gst-launch-1.0 -q tcpserversrc host=10.71.0.2 port=7002 \
      ! "application/x-rtp-stream,media=video,clock-rate=90000,encoding-name=VP8" ! rtpstreamdepay ! fakesink
    sleep 1
    cap b wan0 tcp-impaired-rx.pcap tcp
    cap a wan0 tcp-impaired-tx.pcap tcp
    $A timeout 10 gst-launch-1.0 -q videotestsrc is-live=true num-buffers=30 pattern=ball \
      ! video/x-raw,width=320,height=240,framerate=15/1 ! vp8enc deadline=1 keyframe-max-dist=10 \
      ! rtpvp8pay mtu=1200 pt=96 ssrc=0x0D0E0F02 ! rtpstreampay ! tcpclientsink host=10.71.0.2 port=7002 >/dev/null 2>&1
    sleep 1; stopcap; bgstop
    $A sysctl -qw net.ipv4.tcp_timestamps=1; $B sysctl -qw net.ipv4.tcp_timestamps=1 ;;
  tls)  # TLS 1.3 (openssl s_server in b, s_client in a with -keylogfile), captured by
        # dumpcap -> pcapng; editcap --inject-secrets adds a Decryption Secrets Block
    [ -f "$RAW/tls-key.pem" ] || openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 \
      -nodes -keyout "$RAW/tls-key.pem" -out "$RAW/tls-cert.pem" -days 3650 -subj /CN=rtcinspect.test 2>/dev/null
    run_bg $B timeout 15 openssl s_server -accept 10.70.0.2:4433 -cert "$RAW/tls-cert.pem" -key "$RAW/tls-key.pem" -naccept 1 -quiet
    sleep 1
    dcap b tls.pcapng -i eth0 -f "tcp port 4433"
    rm -f "$RAW/tls.keylog"
    (echo "hello over TLS 1.3"; sleep 1) | $A timeout 5 openssl s_client -connect 10.70.0.2:4433 \
      -keylogfile "$RAW/tls.keylog" -quiet >/dev/null 2>&1
    sleep 0.5; stopcap; bgstop ;;
  sections) # two dumpcap captures (eth0 in b, then tun0 in b) for a two-section file
    sink b 10.70.0.2:5004 10.72.0.2:5004
    dcap b sec1.pcapng -i eth0 -f udp
    $A $PY "$HERE/sockopt_sender.py" 10.70.0.2 5004 --count 3 --size 100
    stopcap
    dcap b sec2.pcapng -i tun0 -f udp
    $A $PY "$HERE/sockopt_sender.py" 10.72.0.2 5004 --count 3 --size 100
    stopcap; bgstop ;;
  *) echo "unknown scenario $s" >&2 ;;
  esac
done

kill $TUNLINK 2>/dev/null; wait $TUNLINK 2>/dev/null
"$HERE/netns.sh" down
ls -l "$RAW"
# all scenarios run: derive the committed set (variants, damaged copies) into FIN
[ $# -eq 0 ] && "$HERE/finalize.sh" "$RAW" "$FIN"
