#!/usr/bin/env python3
"""A small, deliberately leaky HTTP/1.1 JSON API used to record samples/demo.pcap.

It stands in for a real service in a cluster: keep-alive, JSON bodies, a gzip-encoded chunked report, an
undocumented debug endpoint, and responses that leak sensitive data (test values only: the card number is a
network's published test number, the SSN and IBAN are valid-format fakes).
Usage: demo-api.py PORT
"""
import gzip
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

USERS = {
    "48213": {"id": 48213, "name": "Ada Lovelace", "contact": {"mail": "ada@example.com", "mobile": "+44 20 7946 0958"},
              "taxRef": "536-90-4399"},
    "48214": {"id": 48214, "name": "Alan Turing", "contact": {"mail": "alan@example.org", "mobile": "+44 20 7946 0018"},
              "taxRef": "412-67-3021"},
}


class Api(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "demo-api/1.0"

    def log_message(self, *args):
        pass

    def send_json(self, status, body, extra=None):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def authorized(self):
        return self.headers.get("Authorization", "").startswith("Bearer ") or self.headers.get("X-Api-Key")

    def do_GET(self):
        path, _, query = self.path.partition("?")
        parts = [p for p in path.split("/") if p]
        if parts[:3] == ["api", "v1", "users"] and len(parts) == 4:
            if parts[3] == "me":
                return self.send_json(200, USERS["48213"])
            user = USERS.get(parts[3])
            return self.send_json(200, user) if user else self.send_json(404, {"error": "no such user"})
        if parts[:3] == ["api", "v1", "orders"]:
            if not self.authorized():
                return self.send_json(401, {"error": "unauthorized"}, {"WWW-Authenticate": "Bearer"})
            return self.send_json(200, {"orders": [{"id": "3f2a9c1e-0b7d-4e58-9a61-2b4f7c9d8e10", "total": 42.5}]})
        if parts[:3] == ["api", "v1", "reports"]:
            return self.send_report()
        if parts == ["internal", "debug", "config"]:
            return self.send_json(200, {"db": "postgres://orders-db:5432", "featureFlags": ["new-checkout"]})
        if parts == ["health"]:
            return self.send_json(200, {"status": "ok"})
        return self.send_json(404, {"error": "not found"})

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length) if length else b""
        if self.path.startswith("/api/v1/payments"):
            try:
                payment = json.loads(body or b"{}")
            except ValueError:
                return self.send_json(400, {"error": "bad json"})
            return self.send_json(201, {"id": "pay_81723", "status": "authorized", "amount": payment.get("amount")})
        if self.path.startswith("/api/v1/login"):
            return self.send_json(200, {"token": "session-issued"})
        return self.send_json(404, {"error": "not found"})

    def send_report(self):
        rows = [{"user": u["id"], "mail": u["contact"]["mail"], "orders": i} for i, u in enumerate(USERS.values())]
        data = gzip.compress(json.dumps({"rows": rows * 40}).encode())
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        for i in range(0, len(data), 700):
            chunk = data[i:i + 700]
            self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        self.wfile.write(b"0\r\n\r\n")


if __name__ == "__main__":
    ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Api).serve_forever()
