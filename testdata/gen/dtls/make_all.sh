#!/bin/bash
# DTLS 1.0 / 1.2 captures from OpenSSL 3.0 (openssl s_server / s_client) and GnuTLS
# 3.7.9 (gnutls-serv / gnutls-cli), Debian 12 packages, on 127.0.0.1, into DIR
# (default /tmp/cap/dtls). One capture per scenario; the clients write NSS key log
# files (OUT.keylog) so that the records can be decrypted (tshark:
# -o tls.keylog_file:OUT.keylog). Throw-away self-signed certificates are made in
# DIR. Needs root (tcpdump).
set -u
DIR=${1:-/tmp/cap/dtls}; mkdir -p "$DIR"; cd "$DIR"
mk() { openssl req -x509 -newkey "$2" ${3:+-pkeyopt "$3"} -nodes -keyout "$1-key.pem" \
         -out "$1-cert.pem" -days 3650 -subj "/CN=$1.rtcinspect.test" 2>/dev/null; }
[ -f server-cert.pem ] || { mk server ec ec_paramgen_curve:prime256v1; mk client ec ec_paramgen_curve:prime256v1; mk rsa rsa:2048; }
P=4433
run() {  # run NAME 'server command' 'client command' [stdin of the client]
  n=$1
  tcpdump -i lo -U -s 0 -w "$n.pcap" "udp port $P" 2>/dev/null & T=$!
  sleep 0.5
  ( sleep 5 | timeout 5 bash -c "$2" > "$n.server.out" 2>&1 ) & S=$!
  sleep 0.7
  ( printf '%s\n' "${4:-hello from the client}"; sleep 1 ) | timeout 8 bash -c "$3" > "$n.client.out" 2>&1
  echo "$n client rc=$?"
  printf 'server: %s\nclient: %s\n' "$2" "$3" > "$n.cmd"
  wait $S 2>/dev/null; kill $T; wait $T 2>/dev/null
}
OS="openssl s_server -accept 127.0.0.1:$P"
OC="openssl s_client -connect 127.0.0.1:$P"
SRTP=SRTP_AES128_CM_SHA1_80:SRTP_AEAD_AES_128_GCM
# DTLS 1.2, stateless cookie exchange (-listen: HelloVerifyRequest), client certificate
# requested (CertificateRequest), use_srtp, data, close_notify both ways
run openssl-dtls12 "$OS -dtls1_2 -listen -cert server-cert.pem -key server-key.pem -verify 1 -use_srtp $SRTP" \
    "$OC -dtls1_2 -cert client-cert.pem -key client-key.pem -use_srtp $SRTP -keylogfile openssl-dtls12.keylog"
# DTLS 1.2 with link MTU 300 on both sides and an RSA-2048 server certificate:
# handshake messages fragmented over several records / datagrams
run openssl-dtls12-mtu300 "$OS -dtls1_2 -mtu 300 -cert rsa-cert.pem -key rsa-key.pem" \
    "$OC -dtls1_2 -mtu 300 -keylogfile openssl-dtls12-mtu300.keylog"
# DTLS 1.0 (security level 0 so that OpenSSL 3 still allows it), CBC cipher suite
run openssl-dtls10 "$OS -dtls1 -cipher DEFAULT:@SECLEVEL=0 -cert server-cert.pem -key server-key.pem" \
    "$OC -dtls1 -cipher 'ECDHE-ECDSA-AES128-SHA:@SECLEVEL=0' -keylogfile openssl-dtls10.keylog"
# no common cipher suite: the server answers the ClientHello with a plaintext
# fatal handshake_failure alert
run openssl-dtls12-alert "$OS -dtls1_2 -cipher ECDHE-ECDSA-AES128-GCM-SHA256 -cert server-cert.pem -key server-key.pem" \
    "$OC -dtls1_2 -cipher AES256-SHA"
# session resumption: full handshake with a session ticket, then an abbreviated one
run openssl-dtls12-resume "$OS -dtls1_2 -cert server-cert.pem -key server-key.pem" \
    "$OC -dtls1_2 -sess_out openssl-resume.sess -keylogfile openssl-dtls12-resume.keylog < /dev/stdin; sleep 0.3; echo again | $OC -dtls1_2 -sess_in openssl-resume.sess -keylogfile openssl-dtls12-resume.keylog"
GS="gnutls-serv --udp -p $P --echo --x509certfile server-cert.pem --x509keyfile server-key.pem"
GC="gnutls-cli --udp -p $P --insecure 127.0.0.1"
# GnuTLS DTLS 1.2: cookie (HelloVerifyRequest) always, use_srtp, AEAD
run gnutls-dtls12 "$GS --srtp-profiles=SRTP_AES128_CM_HMAC_SHA1_80" \
    "SSLKEYLOGFILE=gnutls-dtls12.keylog $GC --priority NORMAL:-VERS-ALL:+VERS-DTLS1.2 --srtp-profiles=SRTP_AES128_CM_HMAC_SHA1_32:SRTP_AES128_CM_HMAC_SHA1_80"
# GnuTLS DTLS 1.2 with a CBC suite only: encrypt_then_mac negotiated
run gnutls-dtls12-cbc "$GS" \
    "SSLKEYLOGFILE=gnutls-dtls12-cbc.keylog $GC --priority NORMAL:-VERS-ALL:+VERS-DTLS1.2:-CIPHER-ALL:+AES-128-CBC:-SIGN-ALL:+SIGN-ECDSA-SHA256"
ls -l "$DIR"/*.pcap
