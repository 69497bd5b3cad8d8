#!/usr/bin/env python3
"""Hostile-traffic generators for the catalog bounds (issue 6, items 16-18).

  flood.py hosts N OUT.pcap     N requests, each with a distinct Host header
  flood.py methods N OUT.pcap   N requests, each with a distinct method token
  flood.py endpoints N OUT.pcap N requests to distinct endpoints (1 000 hosts x 200 root paths)
  flood.py scanners N OUT.pcap  N scanner clients, each probing 12 paths (404) and one real endpoint
  flood.py har N OUT.har        a HAR of N entries with ~N/100 endpoints and 1 KB JSON bodies

Pcaps: Ethernet/IPv4/TCP, one connection per client, handshake included, request and response alternating,
addresses from the documentation ranges. Deterministic (no randomness).
"""
import json
import struct
import sys


def pcap_header():
    return struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1)


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    s = (s >> 16) + (s & 0xFFFF)
    s += s >> 16
    return ~s & 0xFFFF


def ip(a):
    return bytes(int(x) for x in a.split("."))


class Connection:
    def __init__(self, out, client, cport, server, sport):
        self.out, self.c, self.cp, self.s, self.sp = out, ip(client), cport, ip(server), sport
        self.cseq, self.sseq, self.ts = 1000, 5000, 1_700_000_000.0

    def packet(self, from_client, flags, payload=b""):
        src, dst = (self.c, self.s) if from_client else (self.s, self.c)
        sport, dport = (self.cp, self.sp) if from_client else (self.sp, self.cp)
        seq, ack = (self.cseq, self.sseq) if from_client else (self.sseq, self.cseq)
        tcp = struct.pack("!HHIIBBHHH", sport, dport, seq, ack, 5 << 4, flags, 65535, 0, 0) + payload
        iph = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), 0, 0, 64, 6, 0, src, dst)
        iph = iph[:10] + struct.pack("!H", checksum(iph)) + iph[12:]
        frame = b"\x02\0\0\0\0\x02\x02\0\0\0\0\x01\x08\x00" + iph + tcp
        self.ts += 0.0001
        sec = int(self.ts)
        self.out.write(struct.pack("<IIII", sec, int((self.ts - sec) * 1e6), len(frame), len(frame)) + frame)
        grow = len(payload) + (1 if flags & 0x03 else 0)
        if from_client:
            self.cseq += grow
        else:
            self.sseq += grow

    def open(self):
        self.packet(True, 0x02)
        self.packet(False, 0x12)
        self.packet(True, 0x10)

    def exchange(self, request, status=200, body=b'{"ok":true}'):
        self.packet(True, 0x18, request)
        head = b"HTTP/1.1 %d X\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n" % (status, len(body))
        self.packet(False, 0x18, head + body)

    def close(self):
        self.packet(True, 0x11)
        self.packet(False, 0x11)
        self.packet(True, 0x10)


def hosts(n, out):
    conn = Connection(out, "198.51.100.7", 40000, "192.0.2.10", 80)
    conn.open()
    for i in range(n):
        conn.exchange(b"GET /api/items HTTP/1.1\r\nHost: h%07d.flood.example\r\n\r\n" % i)
    conn.close()


def endpoints(n, out):
    # Within the host bound (1 000) and the templater's literal bound per node (256): 200 root paths per host,
    # each its own endpoint, so only the endpoint bound stops n distinct endpoints.
    conn = Connection(out, "198.51.100.7", 40000, "192.0.2.10", 80)
    conn.open()
    for i in range(n):
        conn.exchange(b"GET /r%d HTTP/1.1\r\nHost: h%04d.flood.example\r\n\r\n" % (i // 1000 % 200, i % 1000))
    conn.close()


def methods(n, out):
    conn = Connection(out, "198.51.100.7", 40000, "192.0.2.10", 80)
    conn.open()
    # A known method first, then upper-case letter tokens (what the HTTP parser accepts as an extension method).
    conn.exchange(b"GET /api/items HTTP/1.1\r\nHost: api.flood.example\r\n\r\n")
    for i in range(n):
        token = "".join(chr(65 + (i // 26 ** k) % 26) for k in range(5))
        conn.exchange(b"X%s /api/items HTTP/1.1\r\nHost: api.flood.example\r\n\r\n" % token.encode())
    conn.close()


def scanners(n, out):
    # Scanner s probes 12 of 15 root paths of host s % 1000 (each a 404) and one real endpoint: with n = 10 000,
    # 10 000 findings over ~16 000 endpoints, each finding naming 12 or 13 of them.
    for s in range(n):
        conn = Connection(out, "198.51.%d.%d" % (100 + s // 250, s % 250 + 1), 40000 + s % 20000, "192.0.2.10", 80)
        conn.ts += s
        host = b"h%04d.flood.example" % (s % 1000)
        conn.open()
        for i in range(12):
            conn.exchange(b"GET /probe%d HTTP/1.1\r\nHost: %s\r\n\r\n" % ((s // 1000 + i) % 15, host), 404, b"{}")
        conn.exchange(b"GET /api/health HTTP/1.1\r\nHost: %s\r\n\r\n" % host)
        conn.close()


def har(n, path):
    with open(path, "w") as f:
        f.write('{"log":{"version":"1.2","creator":{"name":"flood.py"},"entries":[')
        body = json.dumps({"items": [{"id": i, "name": "item %d" % i, "email": "user%d@example.org" % i} for i in range(16)]})
        for i in range(n):
            entry = {
                "startedDateTime": "2026-11-22T10:00:00.000Z", "time": 3.5,
                "request": {"method": "GET", "url": "http://api.flood.example/v%d/res%d/%d" % (i % 3, i % 50, i),
                            "httpVersion": "HTTP/1.1", "headers": [{"name": "Accept", "value": "application/json"}]},
                "response": {"status": 200, "httpVersion": "HTTP/1.1",
                             "headers": [{"name": "Content-Type", "value": "application/json"}],
                             "content": {"size": len(body), "mimeType": "application/json", "text": body}},
            }
            f.write(("," if i else "") + json.dumps(entry))
        f.write("]}}")


if __name__ == "__main__":
    mode, n, target = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    if mode == "har":
        har(n, target)
    else:
        with open(target, "wb") as out:
            out.write(pcap_header())
            {"hosts": hosts, "methods": methods, "endpoints": endpoints, "scanners": scanners}[mode](n, out)
