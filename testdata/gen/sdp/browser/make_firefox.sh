#!/bin/bash
# Generate the Firefox SDP files with the same page as Chromium:
#   make_firefox.sh OUTDIR
# Debian's firefox-esr, headless, inside the rtci-sdp network namespace, with a
# fresh profile whose user.js turns on fake media devices. Two runs:
#   media: fake devices, no permission prompt, host-address obfuscation off
#   mdns:  default host-address obfuscation, no getUserMedia
# No Marionette/geckodriver is needed: the page runs by itself and reports to
# server.py; the browser is killed when the page logs "done".
set -u
OUT=$(mkdir -p "$1" && cd "$1" && pwd)
HERE=$(cd "$(dirname "$0")" && pwd)
PORT=8767
"$HERE/../netns.sh"
NSX="ip netns exec rtci-sdp"
[ -z "${ONLY:-}" ] && rm -f "$OUT"/*.sdp "$OUT/page-log.jsonl"
$NSX python3 "$HERE/server.py" "$OUT" $PORT & SRV=$!
sleep 1
run() {  # run SET PREFS...
  local SET=$1; shift
  [ -n "${ONLY:-}" ] && [ "$ONLY" != "$SET" ] && return  # ONLY=extra ...: one set
  local PR; PR=$(mktemp -d)
  {
    echo 'user_pref("browser.shell.checkDefaultBrowser", false);'
    echo 'user_pref("datareporting.policy.dataSubmissionEnabled", false);'
    echo 'user_pref("toolkit.telemetry.reportingpolicy.firstRun", false);'
    echo 'user_pref("app.update.disabledForTesting", true);'
    echo 'user_pref("network.captive-portal-service.enabled", false);'
    echo 'user_pref("network.connectivity-service.enabled", false);'
    for p in "$@"; do echo "user_pref($p);"; done
  } > "$PR/user.js"
  local N0; N0=$(cat "$OUT/page-log.jsonl" 2>/dev/null | grep -c '"done"')
  HOME=$PR $NSX timeout 150 firefox-esr -headless -no-remote -profile "$PR" \
    "http://127.0.0.1:$PORT/sdp.html?set=$SET&prefix=firefox" >"$OUT/firefox-$SET.stderr" 2>&1 & local FX=$!
  for i in $(seq 140); do
    sleep 1
    [ "$(cat "$OUT/page-log.jsonl" 2>/dev/null | grep -c '"done"')" -gt "$N0" ] && break
  done
  kill $FX 2>/dev/null; wait $FX 2>/dev/null
  rm -rf "$PR"
}
run media '"media.navigator.streams.fake", true' '"media.navigator.permission.disabled", true' \
  '"media.peerconnection.ice.obfuscate_host_addresses", false'
run mdns
run extra '"media.navigator.streams.fake", true' '"media.navigator.permission.disabled", true'
kill $SRV; wait $SRV 2>/dev/null
firefox-esr --version > "$OUT/VERSION"
ls -l "$OUT"
