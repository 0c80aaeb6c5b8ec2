#!/usr/bin/env bash
# The one test command: bash tests/run.sh [extra `dotnet test` arguments]
#
# 1. Installs what the tests need when it is missing (Debian 12, root or passwordless sudo):
#    rabbitmq-server (the system tests run their own broker nodes; the Debian system service is kept stopped),
#    postgresql (the tests run their own server from /usr/lib/postgresql/<version>/bin on their own port and data
#    folder; Debian's system cluster service is kept stopped),
#    python3-aiosmtpd (SMTP sink for e-mail tests), docker-compose (compose file checks), chromium (the web
#    workspace's browser tests drive Debian's chromium; Playwright's own browser download is not used).
#    Then the web tests' OpenID provider (npm ci in tests/CommitmentTracker.Web.Tests/OidcProvider, from its lock file).
# 2. dotnet tool restore
# 3. dotnet test CommitmentTracker.slnx -c Release --logger trx --results-directory TestResults/<timestamp> "$@"
#    (CT_TEST_RESULTS is that folder: the browser tests save their screenshots in its screenshots/)
# 4. Reads every .trx of the run and prints, as its very last line: "N passed, N failed[, N skipped]".
# Exits non-zero when a test failed, when `dotnet test` failed, or when no test ran.
# CI (CI=true) is passed through to the tests unchanged.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"

# Passed through unchanged: exported when set, left unset otherwise.
if [[ -n "${CI+x}" ]]; then export CI; fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# Tests run by CI must never wait for input.
exec </dev/null

say() { printf '[tests/run.sh] %s\n' "$*"; }

# ---------------------------------------------------------------------------------------------------------
# 1. system packages
# ---------------------------------------------------------------------------------------------------------
REQUIRED_PACKAGES=(rabbitmq-server postgresql python3-aiosmtpd docker-compose chromium)
# npm for the web tests' OpenID provider; a Node installed another way (nodesource, nvm) is used as it is.
command -v npm >/dev/null 2>&1 || REQUIRED_PACKAGES+=(npm)

pkg_installed() {
  [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" == "install ok installed" ]]
}

# Stops the Debian rabbitmq-server system service if the install (or anything else) started it: the tests
# run their own nodes on their own ports, and a system node would only take 5672/25672/4369 and memory.
stop_system_rabbitmq() {
  local as_root=("$@")
  if [[ -d /run/systemd/system ]] && command -v systemctl >/dev/null 2>&1; then
    "${as_root[@]}" systemctl disable --now rabbitmq-server.service >/dev/null 2>&1 || true
  elif [[ -x /etc/init.d/rabbitmq-server ]] && pgrep -u rabbitmq -f 'beam.*rabbit' >/dev/null 2>&1; then
    say "stopping the rabbitmq-server system service started by the package install"
    "${as_root[@]}" timeout 120 /etc/init.d/rabbitmq-server stop >/dev/null 2>&1 || true
  fi
}

# Stops Debian's postgresql system service (its "main" cluster on 5432) if the install (or anything else) started
# it: the tests run their own server as the postgres user on a free port with a temporary data folder.
stop_system_postgresql() {
  local as_root=("$@")
  if [[ -d /run/systemd/system ]] && command -v systemctl >/dev/null 2>&1; then
    "${as_root[@]}" systemctl disable --now postgresql.service >/dev/null 2>&1 || true
  elif [[ -x /etc/init.d/postgresql ]] && pgrep -u postgres -f 'postgres.*-D /var/lib/postgresql' >/dev/null 2>&1; then
    say "stopping the postgresql system service started by the package install"
    "${as_root[@]}" timeout 120 /etc/init.d/postgresql stop >/dev/null 2>&1 || true
  fi
}

install_packages() {
  local missing=() p
  for p in "${REQUIRED_PACKAGES[@]}"; do
    pkg_installed "$p" || missing+=("$p")
  done
  if ((${#missing[@]} == 0)); then
    say "system packages present: ${REQUIRED_PACKAGES[*]}"
    return 0
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    say "WARNING: missing ${missing[*]} and no apt-get here; tests that need them will fail or be skipped"
    return 0
  fi
  local as_root=()
  if ((EUID != 0)); then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      as_root=(sudo -n)
    else
      say "WARNING: missing ${missing[*]}; install them as root: apt-get install -y ${missing[*]}"
      return 0
    fi
  fi
  say "installing ${missing[*]}"
  # Keep Debian's maintainer scripts from starting the rabbitmq-server and postgresql system services during the install:
  # policy-rc.d exit 101 = "action forbidden" for invoke-rc.d / deb-systemd-invoke.
  local policy=/usr/sbin/policy-rc.d created_policy=0
  if [[ ! -e "$policy" ]]; then
    "${as_root[@]}" sh -c "printf '#!/bin/sh\nexit 101\n' > $policy && chmod 755 $policy"
    created_policy=1
  fi
  local rc=0
  {
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive timeout 600 apt-get -o DPkg::Lock::Timeout=120 update -q \
      && "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive timeout 1200 apt-get -o DPkg::Lock::Timeout=120 \
        install -y -q --no-install-recommends "${missing[@]}"
  } || rc=$?
  if ((created_policy == 1)); then "${as_root[@]}" rm -f "$policy"; fi
  stop_system_rabbitmq "${as_root[@]}"
  stop_system_postgresql "${as_root[@]}"
  if ((rc != 0)); then
    say "ERROR: apt-get failed (exit $rc) installing ${missing[*]}"
    return "$rc"
  fi
}

if ! install_packages; then
  printf '0 passed, 0 failed\n'
  exit 1
fi

# The OpenID provider of the web workspace's OIDC test (panva/oidc-provider), at the version of the lock file.
OIDC_PROVIDER_DIR="$REPO_ROOT/tests/CommitmentTracker.Web.Tests/OidcProvider"
if command -v npm >/dev/null 2>&1; then
  if ! timeout 300 npm ci --prefix "$OIDC_PROVIDER_DIR" --no-audit --no-fund --loglevel=error; then
    say "WARNING: npm ci failed in $OIDC_PROVIDER_DIR; the OIDC sign-in test will fail under CI or skip locally"
  fi
else
  say "WARNING: npm is missing; the OIDC sign-in test will fail under CI or skip locally"
fi

# ---------------------------------------------------------------------------------------------------------
# 2-3. restore tools, run the tests
# ---------------------------------------------------------------------------------------------------------
if ! command -v dotnet >/dev/null 2>&1; then
  say "ERROR: dotnet (SDK 10) not found on PATH"
  printf '0 passed, 0 failed\n'
  exit 1
fi

RESULTS_DIR="$REPO_ROOT/TestResults/$(date -u +%Y%m%dT%H%M%SZ)-$$"
mkdir -p "$RESULTS_DIR"
export CT_TEST_RESULTS="$RESULTS_DIR"

tool_rc=0
timeout 600 dotnet tool restore || tool_rc=$?
if ((tool_rc != 0)); then
  say "ERROR: dotnet tool restore failed (exit $tool_rc)"
fi

# Bounded so the summary line is still printed inside CI's time limit (override: CT_TEST_TIMEOUT seconds).
test_rc=0
if ((tool_rc == 0)); then
  say "dotnet test CommitmentTracker.slnx -c Release --logger trx --results-directory $RESULTS_DIR $*"
  timeout --kill-after=30 "${CT_TEST_TIMEOUT:-4800}" \
    dotnet test CommitmentTracker.slnx -c Release --logger trx --results-directory "$RESULTS_DIR" "$@" \
    || test_rc=$?
  if ((test_rc == 124 || test_rc == 137)); then
    say "ERROR: dotnet test exceeded ${CT_TEST_TIMEOUT:-4800}s and was stopped"
  fi
fi

# ---------------------------------------------------------------------------------------------------------
# 4. summary from the .trx files of this run
# ---------------------------------------------------------------------------------------------------------
# Prints the failed tests (with the start of each one's message and stack trace), then "passed failed skipped" on its last line.
summary_rc=0
summary="$(python3 - "$RESULTS_DIR" <<'PY'
import glob, os, sys
import xml.etree.ElementTree as ET

results_dir = sys.argv[1]
passed = failed = skipped = 0
failures = []
PASSED = {"passed", "passedbutrunaborted", "warning", "completed"}
SKIPPED = {"notexecuted", "inconclusive", "notrunnable", "pending"}
for path in sorted(glob.glob(os.path.join(results_dir, "**", "*.trx"), recursive=True)):
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        failures.append(f"(unreadable trx {path}: {e})")
        failed += 1
        continue
    for results in root.iter():
        if results.tag.rsplit("}", 1)[-1] != "Results":
            continue
        # Top-level results only: data-driven rows nested in InnerResults are not counted twice.
        for r in results:
            if r.tag.rsplit("}", 1)[-1] != "UnitTestResult":
                continue
            outcome = (r.get("outcome") or "").lower()
            if outcome in PASSED:
                passed += 1
            elif outcome in SKIPPED:
                skipped += 1
            else:  # Failed, Error, Timeout, Aborted, Disconnected, InProgress, unknown
                failed += 1
                failures.append(f"{r.get('testName', '?')}  [{r.get('outcome')}]  ({os.path.relpath(path)})")
                # Why it failed, shortened: CI keeps only the tail of this output.
                for kind, limit in (("Message", 12), ("StackTrace", 8)):
                    texts = [e.text for e in r.iter() if e.tag.rsplit("}", 1)[-1] == kind and e.text]
                    lines = texts[0].strip().splitlines() if texts else []
                    failures.extend("    " + line.strip()[:300] for line in lines[:limit])
                    if len(lines) > limit:
                        failures.append(f"    ... ({len(lines) - limit} more lines of {kind} in the .trx)")
for f in failures:
    print(f if f.startswith("    ") else "FAILED: " + f)
print(passed, failed, skipped)
PY
)" || summary_rc=$?

if ((summary_rc != 0)); then
  say "ERROR: could not read the .trx files in $RESULTS_DIR"
  printf '0 passed, 0 failed\n'
  exit 1
fi

counts="$(tail -n 1 <<<"$summary")"
failures="$(sed '$d' <<<"$summary")"
read -r passed failed skipped <<<"$counts"

if [[ -n "$failures" ]]; then
  printf '\nFailed tests:\n%s\n' "$failures"
fi
say "results: $RESULTS_DIR"

status=0
if ((tool_rc != 0)); then status=1; fi
if ((test_rc != 0)); then
  say "dotnet test exited with $test_rc"
  status=1
fi
if ((failed > 0)); then status=1; fi
if ((passed + failed == 0)); then
  say "ERROR: no test ran"
  status=1
fi
line="$passed passed, $failed failed"
if ((skipped > 0)); then line="$line, $skipped skipped"; fi
printf '%s\n' "$line"
exit "$status"
