#!/usr/bin/env python3
"""Tiny localhost HTTP server for the Chromium loopback page.

Serves this folder on 127.0.0.1:PORT and appends every POST /log body (one JSON
object per line) to the file named by $LOGFILE. Requests to /aiortc/X are passed
on to the aiortc peer (../aiortc/peer.py) at http://127.0.0.1:8766/X.
"""
import http.server, os, sys, urllib.request

LOG = os.environ.get("LOGFILE", "/tmp/chrome-loopback.log")

class H(http.server.SimpleHTTPRequestHandler):
    def forward(self, body=None):
        url = "http://127.0.0.1:8766" + self.path[len("/aiortc"):]
        data = urllib.request.urlopen(urllib.request.Request(url, data=body), timeout=30).read()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
    def do_GET(self):
        if self.path.startswith("/aiortc/"):
            return self.forward()
        return super().do_GET()
    def do_POST(self):
        n = int(self.headers.get("Content-Length", 0))
        body = self.rfile.read(n)
        if self.path.startswith("/aiortc/"):
            return self.forward(body)
        with open(LOG, "ab") as f:
            f.write(body + b"\n")
        self.send_response(204)
        self.end_headers()
    def log_message(self, *a):
        pass

if __name__ == "__main__":
    os.chdir(os.path.dirname(os.path.abspath(__file__)))
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 8765
    http.server.ThreadingHTTPServer(("127.0.0.1", port), H).serve_forever()
