#!/usr/bin/env python3
"""One aiortc 1.16 peer of an aiortc <-> aiortc call (run each peer in its own network
namespace, see run_aiortc.sh; use the venv of ../aiortc/make_all.sh).

    aiortc_peer.py offer|answer RVDIR OUT.json [options]

Signalling through files in RVDIR (namespaces share the file system): the offerer
writes RVDIR/offer.json, the answerer RVDIR/answer.json (aiortc does not trickle:
each SDP carries all candidates). Both peers send audio and video:
  audio  a 440 Hz (offerer) / 660 Hz (answerer) sine, 48 kHz mono, 20 ms frames,
         encoded as Opus (PT 96) or, with --audio-codec PCMU, as PCMU (PT 0, static:
         tshark knows its clock rate)
  video  320x240 moving pattern at --fps (15), VP8, encoder bitrate pinned to
         --video-bitrate (aiortc's vpx DEFAULT/MIN/MAX_BITRATE patched)
Media starts when the connection is up and stops (the tracks stop producing
frames, RTCP goes on) --secs seconds later; 3 s after that the peer takes
getStats(), waits for the other peer's stats file (or 5 s), and closes (RTCP BYE,
DTLS close_notify). OUT.json receives {"role", "sdp": {offer, answer}, "stats": [...],
"events": [...]} - stats as aiortc reports them (jitter in RTP timestamp units,
roundTripTime in seconds).

Options:
  --secs S             media duration (20)
  --bundle POLICY      balanced | max-compat | max-bundle (aiortc RTCBundlePolicy);
                       with max-compat the a=group:BUNDLE line aiortc always writes is
                       also removed from both descriptions (before setLocalDescription),
                       so that audio and video get a transport (5-tuple) each
  --family 4|6|46      only gather host candidates of that address family (aioice's
                       get_host_addresses patched)
  --audio-codec C      opus | PCMU | PCMA
  --video-bitrate B    bits/s (150000)
  --fps F              video frame rate (15)
  --seq-start N        first RTP sequence number of every sender (aiortc picks a
                       random one below 32768; patched)
  --turn URL --turn-user U --turn-pass P [--relay-only]
                       ICE server(s) and iceTransportPolicy relay
  --no-video / --no-audio
"""
import argparse, asyncio, dataclasses, datetime, fractions, json, math, os, sys, time

ap = argparse.ArgumentParser()
ap.add_argument("role", choices=["offer", "answer"])
ap.add_argument("rvdir")
ap.add_argument("out")
ap.add_argument("--secs", type=float, default=20)
ap.add_argument("--bundle", default="max-bundle")
ap.add_argument("--family", default="46")
ap.add_argument("--audio-codec", default="opus")
ap.add_argument("--video-bitrate", type=int, default=150000)
ap.add_argument("--fps", type=float, default=15)
ap.add_argument("--seq-start", type=int, default=None)
ap.add_argument("--turn", default=None)
ap.add_argument("--turn-user", default=None)
ap.add_argument("--turn-pass", default=None)
ap.add_argument("--relay-only", action="store_true")
ap.add_argument("--no-video", action="store_true")
ap.add_argument("--no-audio", action="store_true")
a = ap.parse_args()

import aioice.ice
import aiortc.codecs.vpx as vpx
import aiortc.rtcrtpsender as rtcrtpsender
import av
from aiortc import (RTCBundlePolicy, RTCConfiguration, RTCIceServer, RTCIceTransportPolicy,
                    RTCPeerConnection, RTCRtpSender, RTCSessionDescription)
from aiortc.contrib.media import MediaBlackhole
from aiortc.mediastreams import MediaStreamTrack

vpx.DEFAULT_BITRATE = vpx.MIN_BITRATE = vpx.MAX_BITRATE = a.video_bitrate
if a.seq_start is not None:
    rtcrtpsender.random_sequence_number = lambda: a.seq_start
_gha = aioice.ice.get_host_addresses


def host_addresses(use_ipv4, use_ipv6):
    return [x for x in _gha(use_ipv4 and "4" in a.family, use_ipv6 and "6" in a.family)]


aioice.ice.get_host_addresses = host_addresses

events = []
t0 = time.time()


def ev(name, **kw):
    events.append(dict(t=round(time.time(), 6), ev=name, **kw))
    print(f"[{a.role} {time.time() - t0:7.3f}] {name} {kw if kw else ''}", file=sys.stderr, flush=True)


media_on = asyncio.Event()
media_off = False


class Sine(MediaStreamTrack):
    kind = "audio"

    def __init__(self, freq):
        super().__init__()
        self.freq, self.n, self.start = freq, 0, None

    async def recv(self):
        await media_on.wait()
        if media_off:
            await asyncio.sleep(3600)
        if self.start is None:
            self.start = time.time()
        t = self.start + self.n * 960 / 48000
        d = t - time.time()
        if d > 0:
            await asyncio.sleep(d)
        s = bytearray(960 * 2)
        for i in range(960):
            v = int(8000 * math.sin(2 * math.pi * self.freq * (self.n * 960 + i) / 48000))
            s[2 * i:2 * i + 2] = v.to_bytes(2, "little", signed=True)
        f = av.AudioFrame(format="s16", layout="mono", samples=960)
        f.planes[0].update(bytes(s))
        f.sample_rate = 48000
        f.pts = self.n * 960
        f.time_base = fractions.Fraction(1, 48000)
        self.n += 1
        return f


W, H = 320, 240
_base = bytes(((x * 3 + y * 2) // 2) & 0xFF for y in range(2 * H) for x in range(W))


class Pattern(MediaStreamTrack):
    kind = "video"

    def __init__(self, fps):
        super().__init__()
        self.fps, self.n, self.start = fps, 0, None

    async def recv(self):
        await media_on.wait()
        if media_off:
            await asyncio.sleep(3600)
        if self.start is None:
            self.start = time.time()
        t = self.start + self.n / self.fps
        d = t - time.time()
        if d > 0:
            await asyncio.sleep(d)
        off = (self.n * 4 % H) * W
        f = av.VideoFrame(W, H, "yuv420p")
        y = bytearray(_base[off:off + W * H])
        # a moving white box, so that the encoder has something to do
        bx, by = (self.n * 7) % (W - 40), (self.n * 3) % (H - 40)
        for r in range(by, by + 40):
            y[r * W + bx:r * W + bx + 40] = b"\xeb" * 40
        f.planes[0].update(bytes(y))
        f.planes[1].update(bytes([(self.n * 2) & 0xFF]) * (W * H // 4))
        f.planes[2].update(bytes([128]) * (W * H // 4))
        f.pts = int(self.n * 90000 / self.fps)
        f.time_base = fractions.Fraction(1, 90000)
        self.n += 1
        return f


def stats_json(report):
    out = []
    for k, s in report.items():
        d = dataclasses.asdict(s)
        d["timestamp"] = d["timestamp"].timestamp() if isinstance(d["timestamp"], datetime.datetime) else d["timestamp"]
        d["_class"] = type(s).__name__
        out.append(d)
    return out


def prefer(transceiver, kind, name):
    caps = RTCRtpSender.getCapabilities(kind).codecs
    sel = [c for c in caps if c.mimeType.lower() == f"{kind}/{name}".lower()]
    rest = [c for c in caps if c.mimeType.lower() == f"{kind}/rtx"]
    transceiver.setCodecPreferences(sel + rest)


def unbundle(desc):
    if a.bundle != "max-compat":
        return desc
    lines = [x for x in desc.sdp.split("\r\n") if not x.startswith("a=group:BUNDLE")]
    return RTCSessionDescription("\r\n".join(lines), desc.type)


async def wait_file(path, timeout):
    for _ in range(int(timeout * 10)):
        if os.path.exists(path):
            await asyncio.sleep(0.1)
            with open(path) as f:
                return json.load(f)
        await asyncio.sleep(0.1)
    raise TimeoutError(path)


async def main():
    global media_off
    servers = []
    if a.turn:
        servers.append(RTCIceServer(urls=a.turn, username=a.turn_user, credential=a.turn_pass))
    cfg = RTCConfiguration(iceServers=servers, bundlePolicy=RTCBundlePolicy(a.bundle),
                           iceTransportPolicy=RTCIceTransportPolicy.RELAY if a.relay_only else RTCIceTransportPolicy.ALL)
    pc = RTCPeerConnection(cfg)
    hole = MediaBlackhole()
    connected = asyncio.Event()
    freq = 440 if a.role == "offer" else 660

    @pc.on("track")
    def on_track(track):
        ev("track", kind=track.kind)
        hole.addTrack(track)

    @pc.on("connectionstatechange")
    async def on_state():
        ev("connection", state=pc.connectionState)
        if pc.connectionState == "connected":
            connected.set()

    sdp = {}
    if a.role == "offer":
        if not a.no_audio:
            tr = pc.addTransceiver(Sine(freq), direction="sendrecv")
            if a.audio_codec != "opus":
                prefer(tr, "audio", a.audio_codec)
        if not a.no_video:
            pc.addTransceiver(Pattern(a.fps), direction="sendrecv")
        await pc.setLocalDescription(unbundle(await pc.createOffer()))
        sdp["offer"] = pc.localDescription.sdp
        with open(os.path.join(a.rvdir, "offer.json.tmp"), "w") as f:
            json.dump({"type": "offer", "sdp": sdp["offer"]}, f)
        os.rename(os.path.join(a.rvdir, "offer.json.tmp"), os.path.join(a.rvdir, "offer.json"))
        ev("offer-written")
        ans = await wait_file(os.path.join(a.rvdir, "answer.json"), 60)
        sdp["answer"] = ans["sdp"]
        await pc.setRemoteDescription(RTCSessionDescription(ans["sdp"], "answer"))
    else:
        off = await wait_file(os.path.join(a.rvdir, "offer.json"), 60)
        sdp["offer"] = off["sdp"]
        await pc.setRemoteDescription(RTCSessionDescription(off["sdp"], "offer"))
        for tr in pc.getTransceivers():
            pc.addTrack(Sine(freq) if tr.kind == "audio" else Pattern(a.fps))
        await pc.setLocalDescription(unbundle(await pc.createAnswer()))
        sdp["answer"] = pc.localDescription.sdp
        with open(os.path.join(a.rvdir, "answer.json.tmp"), "w") as f:
            json.dump({"type": "answer", "sdp": sdp["answer"]}, f)
        os.rename(os.path.join(a.rvdir, "answer.json.tmp"), os.path.join(a.rvdir, "answer.json"))
        ev("answer-written")
    await asyncio.wait_for(connected.wait(), 30)
    await hole.start()
    media_on.set()
    ev("media-start")
    await asyncio.sleep(a.secs)
    media_off = True
    ev("media-stop")
    await asyncio.sleep(3)
    stats = stats_json(await pc.getStats())
    ev("stats")
    mine = os.path.join(a.rvdir, f"stats-{a.role}")
    open(mine, "w").close()
    other = os.path.join(a.rvdir, "stats-" + ("answer" if a.role == "offer" else "offer"))
    try:
        await wait_file(other, 5)
    except (TimeoutError, json.JSONDecodeError):
        pass
    await asyncio.sleep(0.5)
    await pc.close()
    ev("closed")
    await hole.stop()
    with open(a.out, "w") as f:
        json.dump({"role": a.role, "aiortc": "1.16.0", "args": vars(a), "sdp": sdp,
                   "stats": stats, "events": events}, f, indent=1,
                  default=lambda o: o.timestamp() if isinstance(o, datetime.datetime) else str(o))


asyncio.run(main())
