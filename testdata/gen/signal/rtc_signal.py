#!/usr/bin/env python3
"""Two aiortc peers on this machine exchange SDP through cleartext signalling, then
send media to each other for a few seconds.

  rtc_signal.py whip LOG   WHIP-style: an aiohttp server on 127.0.0.1:18080 takes
                           POST /whip (Content-Type: application/sdp, the
                           client's offer) and answers 201 Created with
                           Location and the answer (application/sdp); then
                           DELETE on the Location ends the session.
  rtc_signal.py ws LOG     WebSocket: an aiohttp relay on 127.0.0.1:18081 (/ws)
                           forwards every text message to the other client. The
                           caller sends its offer socket.io style
                           (42["offer",{"type":"offer","sdp":...}]); the callee
                           sends its answer as nested JSON
                           ({"event":"signal","data":{"description":{"type":
                           "answer","sdp":...}}}) split into three WebSocket
                           frames (text + 2 continuations, masked, written by hand
                           on the client's transport); both send a "bye" at the end.

LOG gets one JSON line per description sent ({"role","type","sdp"}), the ground
truth the test compares with. aiortc 1.16.0 / aiohttp 3.14.5 from PyPI in a venv
(see make_all.sh). Media: one audio track (aiortc's silence generator, Opus) each
way over DTLS-SRTP; ICE host candidates on the machine's own addresses.
"""
import asyncio
import json
import os
import sys

from aiohttp import ClientSession, WSMsgType, web
from aiortc import RTCPeerConnection, RTCSessionDescription
from aiortc.mediastreams import AudioStreamTrack

MODE, LOG = sys.argv[1], sys.argv[2]
SECS = 3


def log(role, desc):
    with open(LOG, "a") as f:
        f.write(json.dumps({"role": role, "type": desc.type, "sdp": desc.sdp}) + "\n")


async def new_pc():
    pc = RTCPeerConnection()
    pc.addTrack(AudioStreamTrack())

    @pc.on("track")
    def on_track(track):
        async def drain():
            try:
                while True:
                    await track.recv()
            except Exception:
                pass

        asyncio.ensure_future(drain())

    return pc


async def whip():
    peers = {}

    async def post(request):
        offer = await request.text()
        pc = await new_pc()
        await pc.setRemoteDescription(RTCSessionDescription(offer, "offer"))
        await pc.setLocalDescription(await pc.createAnswer())
        log("server", pc.localDescription)
        peers["1"] = pc
        return web.Response(
            status=201,
            body=pc.localDescription.sdp.encode(),
            headers={"Content-Type": "application/sdp", "Location": "/whip/1"},
        )

    async def delete(request):
        pc = peers.pop(request.match_info["id"], None)
        if pc:
            await pc.close()
        return web.Response(status=200)

    app = web.Application()
    app.router.add_post("/whip", post)
    app.router.add_delete("/whip/{id}", delete)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 18080).start()

    pc = await new_pc()
    await pc.setLocalDescription(await pc.createOffer())
    log("client", pc.localDescription)
    async with ClientSession() as s:
        async with s.post(
            "http://127.0.0.1:18080/whip",
            data=pc.localDescription.sdp.encode(),
            headers={"Content-Type": "application/sdp"},
        ) as r:
            answer = await r.text()
            location = r.headers["Location"]
        await pc.setRemoteDescription(RTCSessionDescription(answer, "answer"))
        await asyncio.sleep(SECS)
        async with s.delete("http://127.0.0.1:18080" + location) as r:
            await r.read()
    await pc.close()
    await runner.cleanup()


def masked_frame(fin, opcode, payload):
    key = os.urandom(4)
    n = len(payload)
    head = bytes([(0x80 if fin else 0) | opcode])
    if n < 126:
        head += bytes([0x80 | n])
    elif n < 65536:
        head += bytes([0x80 | 126]) + n.to_bytes(2, "big")
    else:
        head += bytes([0x80 | 127]) + n.to_bytes(8, "big")
    return head + key + bytes(b ^ key[i % 4] for i, b in enumerate(payload))


async def ws():
    clients = []

    async def relay(request):
        sock = web.WebSocketResponse(compress=False)
        await sock.prepare(request)
        clients.append(sock)
        async for msg in sock:
            if msg.type == WSMsgType.TEXT:
                for other in clients:
                    if other is not sock:
                        await other.send_str(msg.data)
        return sock

    app = web.Application()
    app.router.add_get("/ws", relay)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 18081).start()

    async with ClientSession() as s1, ClientSession() as s2:
        caller = await s1.ws_connect("http://127.0.0.1:18081/ws")
        callee = await s2.ws_connect("http://127.0.0.1:18081/ws")
        await asyncio.sleep(0.2)
        pc1, pc2 = await new_pc(), await new_pc()
        await pc1.setLocalDescription(await pc1.createOffer())
        log("caller", pc1.localDescription)
        await caller.send_str(
            "42" + json.dumps(["offer", {"type": "offer", "sdp": pc1.localDescription.sdp}])
        )
        msg = await callee.receive()
        event, desc = json.loads(msg.data[2:])
        await pc2.setRemoteDescription(RTCSessionDescription(desc["sdp"], desc["type"]))
        await pc2.setLocalDescription(await pc2.createAnswer())
        log("callee", pc2.localDescription)
        text = json.dumps(
            {
                "event": "signal",
                "data": {"description": {"type": "answer", "sdp": pc2.localDescription.sdp}},
            }
        ).encode()
        third = len(text) // 3
        transport = callee._writer.transport
        transport.write(masked_frame(False, 0x1, text[:third]))
        await asyncio.sleep(0.05)
        transport.write(masked_frame(False, 0x0, text[third : 2 * third]))
        await asyncio.sleep(0.05)
        transport.write(masked_frame(True, 0x0, text[2 * third :]))
        msg = await caller.receive()
        desc = json.loads(msg.data)["data"]["description"]
        await pc1.setRemoteDescription(RTCSessionDescription(desc["sdp"], desc["type"]))
        await asyncio.sleep(SECS)
        await caller.send_str('42["bye",{}]')
        await callee.receive()
        await pc1.close()
        await pc2.close()
        await caller.close()
        await callee.close()
    await runner.cleanup()


asyncio.run(whip() if MODE == "whip" else ws())
