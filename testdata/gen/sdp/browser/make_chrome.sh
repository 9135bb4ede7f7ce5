#!/bin/bash
# Generate the Chromium SDP files: make_all.sh OUTDIR
# Runs the server and headless Chromium inside the rtci-sdp network namespace
# (../netns.sh). Two browser runs:
#   media: fake camera/mic granted (getUserMedia), mDNS host-IP hiding off
#   mdns:  no getUserMedia, no fake-UI permission, default features: host
#          candidates as mDNS names
# Writes OUTDIR/*.sdp and OUTDIR/page-log.jsonl. Needs root (ip netns).
set -u
OUT=$(mkdir -p "$1" && cd "$1" && pwd)
HERE=$(cd "$(dirname "$0")" && pwd)
PORT=8766
"$HERE/../netns.sh"
NSX="ip netns exec rtci-sdp"
[ -z "${ONLY:-}" ] && rm -f "$OUT"/*.sdp "$OUT/page-log.jsonl"
$NSX python3 "$HERE/server.py" "$OUT" $PORT & SRV=$!
sleep 1
run() {  # run SET [extra flags]
  local SET=$1; shift
  [ -n "${ONLY:-}" ] && [ "$ONLY" != "$SET" ] && return  # ONLY=extra ...: one set
  local UD; UD=$(mktemp -d)
  local N0; N0=$(cat "$OUT/page-log.jsonl" 2>/dev/null | grep -c '"done"')
  $NSX timeout 120 chromium --no-sandbox --headless --disable-gpu --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$UD" --remote-debugging-port=0 "$@" "http://127.0.0.1:$PORT/sdp.html?set=$SET" \
    >"$OUT/chrome-$SET.stderr" 2>&1 & local CH=$!
  for i in $(seq 110); do
    sleep 1
    [ "$(cat "$OUT/page-log.jsonl" 2>/dev/null | grep -c '"done"')" -gt "$N0" ] && break
  done
  kill $CH 2>/dev/null; wait $CH 2>/dev/null
  rm -rf "$UD"
}
run media --use-fake-device-for-media-stream --use-fake-ui-for-media-stream \
  --disable-features=WebRtcHideLocalIpsWithMdns
run mdns
run extra --use-fake-device-for-media-stream --use-fake-ui-for-media-stream
kill $SRV; wait $SRV 2>/dev/null
chromium --version > "$OUT/VERSION"
ls -l "$OUT"
