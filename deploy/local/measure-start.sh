#!/usr/bin/env bash
# Measures a cold start of the distributed mode and what it holds in memory once up: the seconds from `start` until the
# gateway's /health answers 200, and the sum of the resident memory (RSS) of every process of the run (the AppHost,
# DCP and its process monitors, the dashboard, epmd, RabbitMQ, the services, the web workspace, the gateway).
# Then stops it. Figures go to docs/benchmarks.md; this is a program you run, never an assertion.
#
# Usage: deploy/local/measure-start.sh [script]   (default: deploy/local/distributed.sh; give an older copy to compare)
#   Settings as for distributed.sh; CT_NO_BUILD=1 is implied (build first), CT_STATE_DIR and CT_GATEWAY_PORT default
#   to a temporary folder and 24000.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TARGET="${1:-$SCRIPT_DIR/distributed.sh}"
export CT_NO_BUILD=1
export CT_STATE_DIR="${CT_STATE_DIR:-$(mktemp -d /tmp/ct-measure-XXXXXX)}"
export CT_GATEWAY_PORT="${CT_GATEWAY_PORT:-24000}"

start_ns=$(date +%s%N)
bash "$TARGET" start >/dev/null
until [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$CT_GATEWAY_PORT/health")" == "200" ]]; do sleep 0.2; done
elapsed_ms=$((($(date +%s%N) - start_ns) / 1000000))
sleep 5 # let start-up work (migrations, first health probes) settle before reading memory

roots="$(awk 'FNR == 1 { print $1 }' "$CT_STATE_DIR"/pids/*.pid 2>/dev/null | tr '\n' ' ')"
apphost="$(awk '{ print $1 }' "$CT_STATE_DIR/pids/apphost.pid" 2>/dev/null || true)"
if [[ -n "$apphost" ]]; then
  roots="$roots $(ps -eo pid=,args= | awk -v a="$apphost" '$0 ~ ("start-apiserver --monitor " a " ") { print $1 }')"
fi
# Every process below a root (by parent pid) or in a root's session (the old script started each component with setsid).
read -r count rss_kb < <(ps -eo pid=,ppid=,sid=,rss= | awk -v roots="$roots" '
  BEGIN { n = split(roots, r, " "); for (i = 1; i <= n; i++) root[r[i]] = 1 }
  { parent[$1] = $2; sid[$1] = $3; rss[$1] = $4 }
  END {
    for (p in parent) if ((p in root) || (sid[p] in root)) keep[p] = 1
    changed = 1
    while (changed) { changed = 0; for (p in parent) if (!(p in keep) && (parent[p] in keep)) { keep[p] = 1; changed = 1 } }
    for (p in keep) { c++; total += rss[p] }
    print c, total
  }')
printf 'script=%s replicas=%s start_to_health_ms=%s processes=%s rss_mib=%s load=%s\n' \
  "$(basename "$TARGET")" "${CT_REPLICAS:-1}" "$elapsed_ms" "$count" "$((rss_kb / 1024))" "$(cut -d' ' -f1-3 /proc/loadavg)"
bash "$TARGET" stop >/dev/null
