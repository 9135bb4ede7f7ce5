#!/bin/bash
# Start / stop a coturn turnserver on loopback for the captures.
#   turnserver.sh start DIR [extra turnserver options...]   (pid in DIR/turnserver.pid, log DIR/turnserver.log)
#   turnserver.sh stop DIR
# Long-term credentials: user "user", password "pass", realm "realm".
# Listens on 127.0.0.1 and 127.0.0.2 (two addresses: RFC 5780 OTHER-ADDRESS) and
# ::1, UDP/TCP 3478 and (D)TLS 5349 with a throw-away self-signed ECDSA certificate;
# relays from 127.0.0.1 / ::1 ports 49200-49300 (loopback peers allowed).
set -u
CMD=$1; DIR=$2; shift 2
mkdir -p "$DIR"
case $CMD in
start)
  [ -f "$DIR/turn-key.pem" ] || openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 \
      -nodes -keyout "$DIR/turn-key.pem" -out "$DIR/turn-cert.pem" -days 3650 \
      -subj /CN=turn.rtcinspect.test 2>/dev/null
  rm -f "$DIR/turndb"
  turnserver -n --no-cli --log-file stdout --simple-log -a -u user:pass -r realm \
    --listening-ip 127.0.0.1 --listening-ip 127.0.0.2 --listening-ip ::1 \
    --relay-ip 127.0.0.1 --relay-ip ::1 --allow-loopback-peers \
    --min-port 49200 --max-port 49300 --cert "$DIR/turn-cert.pem" --pkey "$DIR/turn-key.pem" \
    --userdb "$DIR/turndb" --pidfile "$DIR/turnserver.pid.coturn" "$@" \
    > "$DIR/turnserver.log" 2>&1 &
  echo $! > "$DIR/turnserver.pid"
  sleep 2 ;;
stop)
  kill "$(cat "$DIR/turnserver.pid")" 2>/dev/null; sleep 1 ;;
esac
