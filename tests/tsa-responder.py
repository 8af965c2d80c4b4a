#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A time-stamp authority for tests: `openssl ts -reply` behind a loopback HTTP
responder (RFC 3161 over HTTP, RFC 3161 section 3.4).

    tsa-responder.py DIR

DIR holds tsa.cnf (an `openssl ts` configuration whose paths are relative to DIR).
Prints the URL it listens on, then serves until killed."""
import http.server
import os
import subprocess
import sys
import tempfile


class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        length = int(self.headers.get('Content-Length', '0'))
        query = self.rfile.read(length)
        if self.headers.get('Content-Type') != 'application/timestamp-query':
            self.send_error(415, 'expected application/timestamp-query')
            return
        with tempfile.TemporaryDirectory() as tmp:
            query_path = os.path.join(tmp, 'query.tsq')
            reply_path = os.path.join(tmp, 'reply.tsr')
            with open(query_path, 'wb') as f:
                f.write(query)
            result = subprocess.run(['openssl', 'ts', '-reply', '-config', 'tsa.cnf', '-queryfile', query_path,
                                     '-out', reply_path], cwd=self.server.dir, capture_output=True)
            if result.returncode != 0:
                self.send_error(500, result.stderr.decode(errors='replace')[:200])
                return
            with open(reply_path, 'rb') as f:
                reply = f.read()
        self.send_response(200)
        self.send_header('Content-Type', 'application/timestamp-reply')
        self.send_header('Content-Length', str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    def log_message(self, *args):
        pass


def main():
    server = http.server.HTTPServer(('127.0.0.1', 0), Handler)
    server.dir = sys.argv[1]
    print('http://127.0.0.1:%d/' % server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == '__main__':
    main()
