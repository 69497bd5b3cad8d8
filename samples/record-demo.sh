#!/usr/bin/env bash
# Records samples/demo.pcap: real curl clients against samples/demo-api.py on loopback, captured by tcpdump.
# The traffic tells a story for `make demo`: normal API use with JWTs and API keys, an unauthenticated call,
# sensitive data in responses and in a payment request, an undocumented endpoint, and a scanner.
set -euo pipefail
cd "$(dirname "$0")"
port=18080
out=${1:-demo.pcap}
python3 demo-api.py $port & api=$!
tcpdump -i lo -s 262144 -U -w "$out" "tcp port $port" 2>/dev/null & dump=$!
trap 'kill $api $dump 2>/dev/null || true' EXIT
sleep 1
base=http://127.0.0.1:$port
# HS256 JWT with a dummy signature: only its header is ever read by ApiSentinel.
jwt='eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI0ODIxMyIsIm5hbWUiOiJBZGEifQ.c2lnbmF0dXJlLW5vdC1jaGVja2Vk'
# One keep-alive connection, several requests.
curl -s -o /dev/null -H "Authorization: Bearer $jwt" "$base/api/v1/users/48213" "$base/api/v1/users/48214" "$base/api/v1/users/me" "$base/api/v1/orders?limit=10" >/dev/null
curl -s -o /dev/null -H "X-Api-Key: k-7f3a9b2c" --compressed "$base/api/v1/reports?month=2026-10" >/dev/null
curl -s -o /dev/null "$base/api/v1/orders?limit=5" >/dev/null
curl -s -o /dev/null "$base/api/v1/users/48214?api_key=k-7f3a9b2c" >/dev/null
curl -s -o /dev/null -H "Authorization: Bearer $jwt" -H 'Content-Type: application/json' \
  -d '{"amount": 42.5, "payer": {"cardNumber": "4111 1111 1111 1111", "holder": "Ada Lovelace"}}' "$base/api/v1/payments" >/dev/null
curl -s -o /dev/null -u 'ada:correct-horse' -H 'Content-Type: application/x-www-form-urlencoded' -d 'user=ada&password=correct-horse' "$base/api/v1/login" >/dev/null
curl -s -o /dev/null "$base/internal/debug/config" "$base/health" >/dev/null
# A scanner from another address (127.0.0.2): many paths, mostly 404, a tool user agent, one connection.
paths=(); for p in .env .git/config admin wp-login.php phpmyadmin/ backup.zip config.php server-status api/v1/admin actuator/env; do paths+=("$base/$p"); done
curl -s -o /dev/null --interface 127.0.0.2 -A 'sqlmap/1.7.2#stable (https://sqlmap.org)' "${paths[@]}" >/dev/null
sleep 1
kill $dump; wait $dump 2>/dev/null || true
echo "recorded $out: $(tcpdump -r "$out" 2>/dev/null | wc -l) packets" >&2
