#!/usr/bin/python3
"""GStreamer (1.22, Debian 12) RTP/RTCP sessions over loopback, for capture.

    gst_call.py SCENARIO SECONDS

Every scenario builds sender and receiver pipelines with rtpbin in this one
process; all traffic is plain UDP on 127.0.0.1 ports 5000-5019, to be captured
with tcpdump (see make_all.sh). Scenarios:

  vp8     VP8 (rtpvp8pay 15-bit picture id) + transport-cc (id 3), mid (id 1),
          abs-send-time-free; receiver: rtpjitterbuffer do-retransmission (NACK),
          rtprtxsend/rtprtxreceive (RTX, PT 97), TWCC feedback, PLI on loss.
  twccbig VP8 at 5 frames/s, ~100 packets per frame: big transport-cc feedback.
  fir     same as vp8 but the receiver announces only "ccm fir": key-unit
          requests go out as FIR.
  multi   three Opus senders (rich SDES) into one receiving session: RR/SR with
          several report blocks; senders stop with EOS -> BYE.
  multisr same, but the receiving session also sends: SR with 3 report blocks.
  csrc    Opus sender -> relay1 -> relay2 -> receiver; relays re-payload with
          source-info=true, so they write CSRCs (CC=1, then CC=2).
  h264    x264enc + rtph264pay (STAP-A with SPS/PPS, FU-A, single NAL).
  vp9     vp9enc + rtpvp9pay.
  twobyte VP8 with header extension ids above 14 (RFC 8285 two-byte form).
          Not used for the corpus: GStreamer 1.22 wrote broken packets
          (PT 0, seq 0, SSRC 0) in this configuration.
"""
import sys, time
import gi
gi.require_version("Gst", "1.0")
gi.require_version("GstRtp", "1.0")
from gi.repository import Gst, GstRtp, GLib

Gst.init(None)
TWCC = "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01"
MID = "urn:ietf:params:rtp-hdrext:sdes:mid"
RID = "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id"
ALEVEL = "urn:ietf:params:rtp-hdrext:ssrc-audio-level"
NTP64 = "urn:ietf:params:rtp-hdrext:ntp-64"
CSPACE = "http://www.webrtc.org/experiments/rtp-hdrext/color-space"

pipes = []


def launch(desc):
    p = Gst.parse_launch(desc)
    pipes.append(p)
    return p


def add_ext(pay, uri, ext_id, **props):
    ext = GstRtp.RTPHeaderExtension.create_from_uri(uri)
    assert ext is not None, uri
    ext.set_id(ext_id)
    for k, v in props.items():
        ext.set_property(k, v)
    pay.emit("add-extension", ext)
    return ext


def rtx_sender(rtpbin, pt_map):
    def cb(bin_, sessid):
        b = Gst.Bin.new(None)
        rtx = Gst.ElementFactory.make("rtprtxsend")
        rtx.set_property("payload-type-map", Gst.Structure.new_from_string(pt_map))
        b.add(rtx)
        b.add_pad(Gst.GhostPad.new("sink_%d" % sessid, rtx.get_static_pad("sink")))
        b.add_pad(Gst.GhostPad.new("src_%d" % sessid, rtx.get_static_pad("src")))
        return b
    rtpbin.connect("request-aux-sender", cb)


def rtx_receiver(rtpbin, pt_map):
    def cb(bin_, sessid):
        b = Gst.Bin.new(None)
        rtx = Gst.ElementFactory.make("rtprtxreceive")
        rtx.set_property("payload-type-map", Gst.Structure.new_from_string(pt_map))
        b.add(rtx)
        b.add_pad(Gst.GhostPad.new("sink_%d" % sessid, rtx.get_static_pad("sink")))
        b.add_pad(Gst.GhostPad.new("src_%d" % sessid, rtx.get_static_pad("src")))
        return b
    rtpbin.connect("request-aux-receiver", cb)


def link_recv_pad(rtpbin, depay):
    def cb(bin_, pad):
        if pad.get_name().startswith("recv_rtp_src"):
            sink = depay.get_static_pad("sink")
            if not sink.is_linked():
                pad.link(sink)
    rtpbin.connect("pad-added", cb)


def sdes(p, cname):
    """Fill every SDES item GStreamer supports on the rtpbin named rb."""
    p.get_by_name("rb").set_property("sdes", Gst.Structure.new_from_string(
        f'application/x-rtp-source-sdes,cname=(string)"{cname}",name=(string)"rtcinspect {cname}",'
        'email=(string)"test@example.org",phone=(string)"+1-555-0100",location=(string)"loopback",'
        'tool=(string)"GStreamer 1.22",note=(string)"test capture"'))


def video_pair(enc, pay, caps_name, extra_caps, base, twobyte=False, fir_only=False,
               raw="width=320,height=240,framerate=30/1", pattern="ball"):
    # sender: RTP -> base, RTCP -> base+1, receives RTCP on base+5
    s = launch(
        'rtpbin name=rb rtp-profile=avpf '
        f'videotestsrc is-live=true pattern={pattern} ! video/x-raw,{raw} ! '
        f'{enc} ! {pay} name=pay ! '
        # rtprtxsend upstream of rtpbin sees rtpsession's retransmission requests
        'rtprtxsend payload-type-map="application/x-rtp-pt-map,96=(uint)97" ! rb.send_rtp_sink_0 '
        f'rb.send_rtp_src_0 ! udpsink host=127.0.0.1 port={base} '
        f'rb.send_rtcp_src_0 ! udpsink host=127.0.0.1 port={base+1} sync=false async=false '
        f'udpsrc address=127.0.0.1 port={base+5} ! rb.recv_rtcp_sink_0')
    sdes(s, "video-sender")
    pay_el = s.get_by_name("pay")
    ids = (16, 17, 18) if twobyte else (3, 1, 2)
    add_ext(pay_el, TWCC, ids[0])
    add_ext(pay_el, MID, ids[1], mid="video0")
    if twobyte:
        add_ext(pay_el, NTP64, ids[2])
    fb = ("rtcp-fb-ccm-fir=(boolean)true" if fir_only else
          "rtcp-fb-nack-pli=(boolean)true,rtcp-fb-ccm-fir=(boolean)false")
    caps = (f'application/x-rtp,media=(string)video,clock-rate=(int)90000,'
            f'encoding-name=(string){caps_name},payload=(int)96,'
            f'extmap-{ids[0]}=(string){TWCC},extmap-{ids[1]}=(string){MID},'
            f'rtcp-fb-nack=(boolean)true,{fb},rtcp-fb-transport-cc=(boolean)true{extra_caps}')
    depay = {"VP8": "rtpvp8depay", "VP9": "rtpvp9depay", "H264": "rtph264depay"}[caps_name]
    r = launch(
        f'rtpbin name=rb rtp-profile=avpf do-retransmission=true latency=200 '
        f'udpsrc address=127.0.0.1 port={base} caps="{caps}" ! rb.recv_rtp_sink_0 '
        f'udpsrc address=127.0.0.1 port={base+1} ! rb.recv_rtcp_sink_0 '
        f'rb.send_rtcp_src_0 ! udpsink host=127.0.0.1 port={base+5} sync=false async=false '
        f'{depay} name=depay request-keyframe=true wait-for-keyframe=true ! decodebin ! fakesink')
    sdes(r, "video-receiver")
    rb = r.get_by_name("rb")
    rtx_receiver(rb, "application/x-rtp-pt-map,96=(uint)97")
    link_recv_pad(rb, r.get_by_name("depay"))

    def pt_map(bin_, sess, pt):
        if pt == 97:
            return Gst.Caps.from_string(
                f"application/x-rtp,media=(string)video,clock-rate=(int)90000,encoding-name=(string)RTX,"
                f"apt=(int)96,payload=(int)97,extmap-{ids[0]}=(string){TWCC}")
        return Gst.Caps.from_string(caps)
    rb.connect("request-pt-map", pt_map)
    return s, r


def scenario(name):
    if name in ("vp8", "fir", "twobyte"):
        video_pair("vp8enc deadline=1 target-bitrate=400000 keyframe-max-dist=90 error-resilient=partitions",
                   "rtpvp8pay picture-id-mode=15-bit mtu=1000", "VP8", "", 5000,
                   twobyte=(name == "twobyte"), fir_only=(name == "fir"))
    elif name == "twccbig":
        # 5 frames/s at ~2 Mbit/s in 400-byte packets: ~100 packets per frame. GStreamer
        # 1.22 sends transport-cc feedback when a marker-bit packet arrives, so each
        # feedback covers a whole frame; when the marker packet is lost, the next one
        # covers two frames 200 ms apart (large delta).
        video_pair("vp8enc deadline=1 target-bitrate=2000000 keyframe-max-dist=10 cpu-used=16",
                   "rtpvp8pay picture-id-mode=15-bit mtu=400", "VP8", "", 5000,
                   raw="width=320,height=240,framerate=5/1", pattern="snow")
    elif name == "vp9":
        video_pair("vp9enc deadline=1 target-bitrate=400000 keyframe-max-dist=90 cpu-used=8",
                   "rtpvp9pay picture-id-mode=15-bit mtu=1000", "VP9", "", 5000)
    elif name == "h264":
        video_pair("x264enc tune=zerolatency speed-preset=ultrafast bitrate=400 key-int-max=90 ! "
                   "video/x-h264,profile=constrained-baseline",
                   "rtph264pay config-interval=-1 aggregate-mode=zero-latency mtu=1000", "H264",
                   ",packetization-mode=(string)1", 5000)
    elif name in ("multi", "multisr"):
        for i in range(3):
            launch('rtpbin name=rb '
                   f'audiotestsrc is-live=true freq={440 + 110 * i} ! audioconvert ! audioresample ! '
                   f'opusenc ! rtpopuspay pt=111 ! rb.send_rtp_sink_0 '
                   f'rb.send_rtp_src_0 ! udpsink host=127.0.0.1 port=5010 bind-port={5020 + 2 * i} '
                   f'rb.send_rtcp_src_0 ! udpsink host=127.0.0.1 port=5011 bind-port={5021 + 2 * i} sync=false async=false '
                   f'udpsrc address=127.0.0.1 port={5030 + i} ! rb.recv_rtcp_sink_0')
            sdes(pipes[-1], "audio-sender-%d" % i)
        caps = ('application/x-rtp,media=(string)audio,clock-rate=(int)48000,'
                'encoding-name=(string)OPUS,payload=(int)111')
        # multisr: the receiving session also sends (to port 5019, where an
        # udpsrc swallows it), so its reports are SRs with 3 report blocks
        also_send = ('audiotestsrc is-live=true freq=330 ! audioconvert ! audioresample ! '
                     'opusenc ! rtpopuspay pt=111 ! rb.send_rtp_sink_0 '
                     'rb.send_rtp_src_0 ! udpsink host=127.0.0.1 port=5019 '
                     'udpsrc address=127.0.0.1 port=5019 ! fakesink ') if name == "multisr" else ""
        r = launch(f'rtpbin name=rb {also_send}'
                   f'udpsrc address=127.0.0.1 port=5010 caps="{caps}" ! rb.recv_rtp_sink_0 '
                   f'udpsrc address=127.0.0.1 port=5011 ! rb.recv_rtcp_sink_0 '
                   f'rb.send_rtcp_src_0 ! udpsink host=127.0.0.1 port=5030 sync=false async=false')
        sdes(r, "audio-receiver")
        r.get_by_name("rb").connect("pad-added", lambda b, p: p.get_name().startswith("recv_rtp_src") and
                                    p.link(make_sink(r)))
    elif name == "csrc":
        caps = ('application/x-rtp,media=(string)audio,clock-rate=(int)48000,'
                'encoding-name=(string)OPUS,payload=(int)111')
        launch('audiotestsrc is-live=true ! audioconvert ! audioresample ! opusenc ! '
               'rtpopuspay pt=111 ssrc=0x11111111 ! udpsink host=127.0.0.1 port=5012')
        launch(f'udpsrc address=127.0.0.1 port=5012 caps="{caps}" ! rtpjitterbuffer ! '
               'rtpopusdepay source-info=true ! rtpopuspay pt=111 ssrc=0x22222222 source-info=true ! '
               'udpsink host=127.0.0.1 port=5014')
        launch(f'udpsrc address=127.0.0.1 port=5014 caps="{caps}" ! rtpjitterbuffer ! '
               'rtpopusdepay source-info=true ! rtpopuspay pt=111 ssrc=0x33333333 source-info=true ! '
               'udpsink host=127.0.0.1 port=5016')
        launch(f'udpsrc address=127.0.0.1 port=5016 caps="{caps}" ! rtpjitterbuffer ! '
               'rtpopusdepay ! opusdec ! fakesink')
    else:
        raise SystemExit("unknown scenario " + name)


def make_sink(p):
    q = Gst.ElementFactory.make("fakesink")
    q.set_property("async", False)
    p.add(q)
    q.sync_state_with_parent()
    return q.get_static_pad("sink")


if __name__ == "__main__":
    name, secs = sys.argv[1], float(sys.argv[2])
    scenario(name)
    # receivers first, then senders
    for p in reversed(pipes):
        p.set_state(Gst.State.PLAYING)
    loop = GLib.MainLoop()

    def stop():
        # EOS on the senders makes rtpbin send BYE
        for p in pipes:
            p.send_event(Gst.Event.new_eos())
        GLib.timeout_add(1500, loop.quit)
        return False
    GLib.timeout_add(int(secs * 1000), stop)
    loop.run()
    for p in pipes:
        p.set_state(Gst.State.NULL)
