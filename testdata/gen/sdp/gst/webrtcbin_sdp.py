#!/usr/bin/python3
"""GStreamer webrtcbin offers/answers: webrtcbin_sdp.py OUTDIR
(run with Debian's /usr/bin/python3, inside the rtci-sdp netns)

Files are GstSDPMessage.as_text() of what webrtcbin produced (create-offer /
create-answer promise reply), or of webrtcbin's "local-description" property
after ICE gathering completed (*-candidates files); written as returned.
Scenarios:
  av            opus + VP8 senders, bundle-policy max-bundle
  av-rtx-fec    same, video transceiver with do-nack=true, fec-type=ulp-red
  datachannel   data channel only
  answer-av     a second webrtcbin (no transceivers: recvonly) answers the av offer
  empty         no media, no data channel (webrtcbin still offers on PLAYING)
  answer-to-chrome-offer-av   webrtcbin answers ../../../sdp/chrome-offer-av.sdp
"""
import os, sys
import gi
gi.require_version("Gst", "1.0"); gi.require_version("GstWebRTC", "1.0"); gi.require_version("GstSdp", "1.0")
from gi.repository import Gst, GstWebRTC, GstSdp, GLib

Gst.init(None)
OUT = sys.argv[1]
os.makedirs(OUT, exist_ok=True)
loop = GLib.MainLoop()

def save(name, text):
    with open(os.path.join(OUT, name + ".sdp"), "wb") as f:
        f.write(text.encode("ascii"))

AV = ("webrtcbin name=w bundle-policy=max-bundle "
      "audiotestsrc is-live=true ! opusenc ! rtpopuspay pt=111 ! application/x-rtp,media=audio,encoding-name=OPUS,payload=111 ! w. "
      "videotestsrc is-live=true ! vp8enc deadline=1 ! rtpvp8pay pt=96 ! application/x-rtp,media=video,encoding-name=VP8,payload=96 ! w.")

def run(name, desc, prepare=None, answer_with=None, after_play=None):
    pipe = Gst.Pipeline.new()
    b = Gst.parse_bin_from_description(desc, False)
    pipe.add(b)
    w = b.get_by_name("w")
    state = {"offer": None}
    def on_gathering(w, pspec):
        if w.get_property("ice-gathering-state") == GstWebRTC.WebRTCICEGatheringState.COMPLETE and state["offer"]:
            save(f"gst-webrtcbin-offer-{name}-candidates", w.get_property("local-description").sdp.as_text())
            GLib.idle_add(finish)
    def finish():
        if answer_with:
            answer_with(state["offer"])
        pipe.set_state(Gst.State.NULL)
        loop.quit()
        return False
    def on_offer(promise, _):
        reply = promise.get_reply()
        offer = reply.get_value("offer")
        state["offer"] = offer.sdp.as_text()
        save(f"gst-webrtcbin-offer-{name}", state["offer"])
        w.emit("set-local-description", offer, Gst.Promise.new())
    def on_negotiation_needed(w):
        w.emit("create-offer", None, Gst.Promise.new_with_change_func(on_offer, None))
    w.connect("on-negotiation-needed", on_negotiation_needed)
    w.connect("notify::ice-gathering-state", on_gathering)
    pipe.set_state(Gst.State.READY)
    if prepare:
        prepare(w)
    pipe.set_state(Gst.State.PLAYING)
    if after_play:
        after_play(w)
    GLib.timeout_add_seconds(20, lambda: (loop.quit(), False)[1])
    loop.run()

def answer(name, offer_text):
    """a fresh webrtcbin (no transceivers of its own: it answers recvonly)"""
    pipe = Gst.Pipeline.new()
    w = Gst.ElementFactory.make("webrtcbin", "w")
    w.set_property("bundle-policy", GstWebRTC.WebRTCBundlePolicy.MAX_BUNDLE)
    pipe.add(w)
    pipe.set_state(Gst.State.PLAYING)
    _, msg = GstSdp.SDPMessage.new_from_text(offer_text)
    offer = GstWebRTC.WebRTCSessionDescription.new(GstWebRTC.WebRTCSDPType.OFFER, msg)
    p = Gst.Promise.new()
    w.emit("set-remote-description", offer, p); p.wait()
    p = Gst.Promise.new()
    w.emit("create-answer", None, p); p.wait()
    reply = p.get_reply()  # keep the reply alive while its answer is used
    save(name, reply.get_value("answer").sdp.as_text())
    pipe.set_state(Gst.State.NULL)

run("av", AV, answer_with=lambda o: answer("gst-webrtcbin-answer-av", o))

def fec_prepare(w):
    # the sink pads are linked, so the transceivers exist: turn on NACK/RTX and
    # ULPFEC+RED before the first offer is made
    i = 0
    while (t := w.emit("get-transceiver", i)) is not None:
        i += 1
        t.set_property("do-nack", True)
        t.set_property("fec-type", GstWebRTC.WebRTCFECType.ULP_RED)
run("av-rtx-fec", AV, prepare=fec_prepare)

# data channel created in READY, before the first negotiation-needed
run("datachannel", "webrtcbin name=w bundle-policy=max-bundle",
    prepare=lambda w: w.emit("create-data-channel", "chat", None))
# nothing to negotiate: the offer made when PLAYING has "a=group:BUNDLE" and no mid
run("empty", "webrtcbin name=w bundle-policy=max-bundle")
# webrtcbin answering Chromium's audio+video offer (from testdata/sdp)
CHROME = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../../sdp/chrome-offer-av.sdp")
answer("gst-webrtcbin-answer-to-chrome-offer-av", open(CHROME, newline="").read())
