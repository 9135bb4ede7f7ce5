#!/usr/bin/env python3
"""aiortc peer for a Chromium <-> aiortc call (DTLS 1.2 from both BoringSSL and OpenSSL).

    peer.py LOGFILE [PORT]      (run with the venv made by make_all.sh)

Tiny HTTP API on 127.0.0.1:PORT (default 8766), reached by the page through
../chrome/server.py (which forwards /aiortc/...):
    POST /offer    body = Chromium's offer (JSON {type, sdp}); aiortc answers
                   (DTLS role: aiortc answers a=setup:active = DTLS client)
    GET  /offer    aiortc makes an offer (a=setup:actpass; Chromium answers active =
                   DTLS client)
    POST /answer   body = Chromium's answer to that offer
aiortc receives audio (discarded) and echoes data-channel messages. aiortc does not
trickle: its SDP carries all its candidates. Every SDP is appended to LOGFILE (JSON
lines) with aiortc's DTLS fingerprint and ICE credentials in it. The peer closes
itself 8 s after the DTLS transport is connected (close_notify).
"""
import asyncio, json, sys
from aiortc import RTCPeerConnection, RTCSessionDescription
from aiortc.contrib.media import MediaBlackhole

LOG = sys.argv[1]
PORT = int(sys.argv[2]) if len(sys.argv) > 2 else 8766
pc = None


def log(o):
    with open(LOG, "a") as f:
        f.write(json.dumps(o) + "\n")


def new_pc():
    global pc
    pc = RTCPeerConnection()
    hole = MediaBlackhole()

    @pc.on("track")
    def on_track(track):
        hole.addTrack(track)
        asyncio.ensure_future(hole.start())

    @pc.on("datachannel")
    def on_dc(ch):
        @ch.on("message")
        def on_msg(m):
            ch.send("aiortc echo: " + str(m))

    @pc.on("connectionstatechange")
    async def on_state():
        log({"ev": "aiortc-state", "s": pc.connectionState})
        if pc.connectionState == "connected":
            await asyncio.sleep(8)
            await pc.close()
            log({"ev": "aiortc-closed"})
    return pc


async def handle(reader, writer):
    req = await reader.readline()
    method, path, _ = req.decode().split(" ", 2)
    n = 0
    while True:
        h = await reader.readline()
        if h in (b"\r\n", b"\n", b""):
            break
        if h.lower().startswith(b"content-length:"):
            n = int(h.split(b":")[1])
    body = await reader.readexactly(n) if n else b""
    out = {}
    if method == "POST" and path == "/offer":
        p = new_pc()
        d = json.loads(body)
        await p.setRemoteDescription(RTCSessionDescription(d["sdp"], d["type"]))
        await p.setLocalDescription(await p.createAnswer())
        out = {"type": "answer", "sdp": p.localDescription.sdp}
        log({"ev": "aiortc-answer", "remote_offer": d["sdp"], "answer": out["sdp"]})
    elif method == "GET" and path == "/offer":
        p = new_pc()
        p.addTransceiver("audio", direction="recvonly")
        p.createDataChannel("aiortc")
        await p.setLocalDescription(await p.createOffer())
        out = {"type": "offer", "sdp": p.localDescription.sdp}
        log({"ev": "aiortc-offer", "offer": out["sdp"]})
    elif method == "POST" and path == "/answer":
        d = json.loads(body)
        await pc.setRemoteDescription(RTCSessionDescription(d["sdp"], d["type"]))
        log({"ev": "aiortc-got-answer", "answer": d["sdp"]})
    data = json.dumps(out).encode()
    writer.write(b"HTTP/1.0 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(data) + data)
    await writer.drain()
    writer.close()


async def main():
    srv = await asyncio.start_server(handle, "127.0.0.1", PORT)
    async with srv:
        await srv.serve_forever()

asyncio.run(main())
