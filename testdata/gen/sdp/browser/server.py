#!/usr/bin/env python3
"""Tiny HTTP server for sdp.html (run it inside the rtci-sdp namespace).

  server.py OUTDIR [PORT]

Serves this folder on 127.0.0.1:PORT (default 8766).
POST /sdp/NAME  -> the request body is written byte for byte to OUTDIR/NAME.sdp
                   (the page sends the SDP string as a text/plain body: no JSON,
                   no escaping, so CRLF and everything else arrive as produced)
POST /log       -> body appended (one line) to OUTDIR/page-log.jsonl
"""
import http.server, os, re, sys

OUT = os.path.abspath(sys.argv[1])

class H(http.server.SimpleHTTPRequestHandler):
    def do_POST(self):
        n = int(self.headers.get("Content-Length", 0))
        body = self.rfile.read(n)
        m = re.fullmatch(r"/sdp/([A-Za-z0-9._-]+)", self.path)
        if m:
            with open(os.path.join(OUT, m.group(1) + ".sdp"), "wb") as f:
                f.write(body)
        else:
            with open(os.path.join(OUT, "page-log.jsonl"), "ab") as f:
                f.write(body + b"\n")
        self.send_response(204)
        self.end_headers()
    def log_message(self, *a):
        pass

if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    os.chdir(os.path.dirname(os.path.abspath(__file__)))
    port = int(sys.argv[2]) if len(sys.argv) > 2 else 8766
    http.server.ThreadingHTTPServer(("127.0.0.1", port), H).serve_forever()
