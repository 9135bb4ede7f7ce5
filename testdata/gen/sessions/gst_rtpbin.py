#!/usr/bin/python3
"""One side of a GStreamer (1.22) rtpbin RTP/RTCP session with clear RTP and RTCP
(SR from the sender, RR from the receiver); run each side in its own network
namespace (see run_gst.sh):

    gst_rtpbin.py send|recv PEER_IP OUT.json [--secs S] [--audio pcmu|opus]
                  [--video vp8|h264] [--audio-seq N] [--video-seq N]

Two RTP sessions, symmetric ports (each side sends and receives RTP on the same
socket, RTCP on the RTP port + 1):
  session 0 audio  port 5000/5001: 440 Hz sine, PCMU (PT 0, 8 kHz, 20 ms) or Opus
                   (PT 111, 48 kHz, 20 ms, 32 kbit/s)
  session 1 video  port 5002/5003: 320x240 15 fps ball pattern, VP8 (PT 96,
                   target 100 kbit/s) or H.264 (PT 102, x264 ultrafast, 150 kbit/s)
--audio-seq / --video-seq set the payloaders' first sequence number
(seqnum-offset), e.g. 65300 to have a wrap in the capture.
The sender stops its sources after --secs (EOS: BYE), the receiver runs --secs + 3
seconds; each side then writes OUT.json: {"role", "args", "stats": [...]} with
one entry per source of each rtpbin session as GStreamer reports it (polled every
200 ms: the last snapshot in which the source was present, time in "snapshot_time")
(rtpsession "stats" -> "source-stats", field names as GStreamer spells them, plus
"ssrc" as an integer and "session"). Jitter there is in RTP timestamp units.
"""
import argparse, json, sys, time
import gi
gi.require_version("Gst", "1.0")
gi.require_version("Gio", "2.0")
from gi.repository import Gst, Gio, GLib

ap = argparse.ArgumentParser()
ap.add_argument("role", choices=["send", "recv"])
ap.add_argument("peer")
ap.add_argument("out")
ap.add_argument("--secs", type=float, default=12)
ap.add_argument("--audio", default="pcmu", choices=["pcmu", "opus"])
ap.add_argument("--video", default="vp8", choices=["vp8", "h264"])
ap.add_argument("--audio-seq", type=int, default=None)
ap.add_argument("--video-seq", type=int, default=None)
a = ap.parse_args()
Gst.init(None)
fam = Gio.SocketFamily.IPV6 if ":" in a.peer else Gio.SocketFamily.IPV4
anyaddr = Gio.InetAddress.new_any(fam)


def sock(port):
    s = Gio.Socket.new(fam, Gio.SocketType.DATAGRAM, Gio.SocketProtocol.UDP)
    s.bind(Gio.InetSocketAddress.new(anyaddr, port), False)
    return s


AUDIO = {
    "pcmu": ("audio/x-raw,rate=8000,channels=1 ! mulawenc ! rtppcmupay pt=0 min-ptime=20000000 max-ptime=20000000",
             "application/x-rtp,media=audio,clock-rate=8000,encoding-name=PCMU,payload=0"),
    "opus": ("audio/x-raw,rate=48000,channels=1 ! opusenc bitrate=32000 frame-size=20 ! rtpopuspay pt=111",
             "application/x-rtp,media=audio,clock-rate=48000,encoding-name=OPUS,payload=111"),
}
VIDEO = {
    "vp8": ("vp8enc target-bitrate=100000 deadline=1 cpu-used=8 keyframe-max-dist=45 ! rtpvp8pay pt=96 mtu=1200",
            "application/x-rtp,media=video,clock-rate=90000,encoding-name=VP8,payload=96"),
    "h264": ("x264enc tune=zerolatency speed-preset=ultrafast bitrate=150 key-int-max=45 ! "
             "rtph264pay pt=102 mtu=1200 config-interval=-1",
             "application/x-rtp,media=video,clock-rate=90000,encoding-name=H264,payload=102"),
}
socks = {p: sock(p) for p in (5000, 5001, 5002, 5003)}
if a.role == "send":
    aseq = f" seqnum-offset={a.audio_seq}" if a.audio_seq is not None else ""
    vseq = f" seqnum-offset={a.video_seq}" if a.video_seq is not None else ""
    desc = (
        "rtpbin name=rb "
        f"audiotestsrc name=asrc is-live=true freq=440 volume=0.3 samplesperbuffer=160 ! {AUDIO[a.audio][0]}{aseq} ! rb.send_rtp_sink_0 "
        f"videotestsrc name=vsrc is-live=true pattern=ball ! video/x-raw,width=320,height=240,framerate=15/1 ! "
        f"{VIDEO[a.video][0]}{vseq} ! rb.send_rtp_sink_1 ")
    for i in (0, 1):
        desc += (f"rb.send_rtp_src_{i} ! udpsink name=rtp{i} host={a.peer} port={5000 + 2 * i} close-socket=false "
                 f"rb.send_rtcp_src_{i} ! udpsink name=rtcpo{i} host={a.peer} port={5001 + 2 * i} sync=false async=false close-socket=false "
                 f"udpsrc name=rtcpi{i} close-socket=false ! rb.recv_rtcp_sink_{i} ")
else:
    desc = "rtpbin name=rb "
    for i, caps in ((0, AUDIO[a.audio][1]), (1, VIDEO[a.video][1])):
        desc += (f"udpsrc name=rtpi{i} close-socket=false caps=\"{caps}\" ! rb.recv_rtp_sink_{i} "
                 f"udpsrc name=rtcpi{i} close-socket=false ! rb.recv_rtcp_sink_{i} "
                 f"rb.send_rtcp_src_{i} ! udpsink name=rtcpo{i} host={a.peer} port={5001 + 2 * i} sync=false async=false close-socket=false ")
pipe = Gst.parse_launch(desc)
for i in (0, 1):
    for name, port in ((f"rtp{i}", 5000 + 2 * i), (f"rtpi{i}", 5000 + 2 * i),
                       (f"rtcpo{i}", 5001 + 2 * i), (f"rtcpi{i}", 5001 + 2 * i)):
        el = pipe.get_by_name(name)
        if el is not None:
            el.set_property("socket", socks[port])
rb = pipe.get_by_name("rb")


def on_pad(_, pad):
    if pad.get_name().startswith("recv_rtp_src_"):
        sink = Gst.ElementFactory.make("fakesink")
        sink.set_property("sync", False)
        pipe.add(sink)
        sink.sync_state_with_parent()
        pad.link(sink.get_static_pad("sink"))


rb.connect("pad-added", on_pad)


def plain(v):
    if isinstance(v, (bool, int, float, str)) or v is None:
        return v
    return str(v)


latest = {}


def stats():
    """poll: the newest entry of every source ever seen (rtpbin forgets a source
    some time after its BYE, so the final report would miss the senders)"""
    now = time.time()
    for i in (0, 1):
        sess = rb.emit("get-internal-session", i)
        st = sess.get_property("stats")
        arr = st.get_value("source-stats")
        for s in arr:
            d = {"session": i}
            for n in range(s.n_fields()):
                f = s.nth_field_name(n)
                d[f] = plain(s.get_value(f))
            if "ssrc" in d:
                d["ssrc"] = int(d["ssrc"])
            d["snapshot_time"] = round(now, 3)
            latest[(i, d.get("ssrc"))] = d
    return True


loop = GLib.MainLoop()
t0 = time.time()


def finish():
    stats()
    with open(a.out, "w") as f:
        json.dump({"role": a.role, "gstreamer": Gst.version_string(), "args": vars(a),
                   "jitter_unit": "rtp-timestamp", "stats": list(latest.values())}, f, indent=1)
    pipe.set_state(Gst.State.NULL)
    loop.quit()
    return False


def stop_sources():
    for n in ("asrc", "vsrc"):
        pipe.get_by_name(n).send_event(Gst.Event.new_eos())
    GLib.timeout_add(2000, finish)
    return False


pipe.set_state(Gst.State.PLAYING)
GLib.timeout_add(200, stats)
if a.role == "send":
    GLib.timeout_add(int(a.secs * 1000), stop_sources)
else:
    GLib.timeout_add(int((a.secs + 3) * 1000), finish)
loop.run()
print(f"{a.role}: done after {time.time() - t0:.1f} s", file=sys.stderr)
