#!/bin/bash
# The SDP ffmpeg's RTP muxer writes with -sdp_file (Opus + H.264 to
# 127.0.0.1 inside the rtci-sdp netns): OUTDIR/ffmpeg-rtp-sdp-file-opus-h264.sdp
#   ffmpeg_sdp.sh OUTDIR
set -u
OUT=$(mkdir -p "$1" && cd "$1" && pwd)
HERE=$(cd "$(dirname "$0")" && pwd)
"$HERE/../netns.sh"
ip netns exec rtci-sdp timeout 20 ffmpeg -hide_banner -loglevel error -re \
  -f lavfi -i sine=frequency=440:duration=1 -f lavfi -i testsrc=size=320x240:rate=10:duration=1 \
  -map 0:a -c:a libopus -f rtp rtp://127.0.0.1:5004 \
  -map 1:v -c:v libx264 -f rtp rtp://127.0.0.1:5006 \
  -sdp_file "$OUT/ffmpeg-rtp-sdp-file-opus-h264.sdp"
ffmpeg -version | head -1 > "$OUT/VERSION.ffmpeg"
