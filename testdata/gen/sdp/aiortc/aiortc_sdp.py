#!/usr/bin/env python3
"""aiortc offers/answers: aiortc_sdp.py OUTDIR  (run inside the rtci-sdp netns)

aiortc gathers all candidates inside setLocalDescription(), so what it hands
out (pc.localDescription.sdp) already carries a=candidate lines and
a=end-of-candidates. Files are written as the Python str aiortc produced,
encoded ASCII, without newline translation.
"""
import asyncio, os, sys
from aiortc import RTCPeerConnection, RTCConfiguration
from aiortc.mediastreams import AudioStreamTrack, VideoStreamTrack

OUT = sys.argv[1]

def save(name, sdp):
    with open(os.path.join(OUT, name + ".sdp"), "wb") as f:
        f.write(sdp.encode("ascii"))

def pc():
    return RTCPeerConnection(RTCConfiguration(iceServers=[]))  # no STUN server

async def pair(name, setup1, setup2=None):
    a, b = pc(), pc()
    setup1(a)
    await a.setLocalDescription(await a.createOffer())
    save(f"aiortc-offer-{name}", a.localDescription.sdp)
    await b.setRemoteDescription(a.localDescription)
    if setup2:
        setup2(b)
    await b.setLocalDescription(await b.createAnswer())
    save(f"aiortc-answer-{name}", b.localDescription.sdp)
    await a.setRemoteDescription(b.localDescription)
    await a.close(); await b.close()

async def main():
    os.makedirs(OUT, exist_ok=True)
    def av(p):
        p.addTrack(AudioStreamTrack()); p.addTrack(VideoStreamTrack())
    def av_back(p):
        for t in p.getTransceivers():
            t.sender.replaceTrack(AudioStreamTrack() if t.kind == "audio" else VideoStreamTrack())
            t.direction = "sendrecv"
    await pair("av", av, av_back)
    await pair("datachannel", lambda p: p.createDataChannel("chat"))
    def avd(p):
        av(p); p.createDataChannel("chat")
    await pair("av-datachannel", avd)

asyncio.run(main())
