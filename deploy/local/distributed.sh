#!/usr/bin/env bash
# Runs Commitment Tracker in distributed mode on one machine, through the Aspire AppHost
# (deploy/CommitmentTracker.AppHost): a private epmd and RabbitMQ node (Debian's rabbitmq-server, never the system
# service), PostgreSQL 15 when CT_DB_PROVIDER=Postgres, CT_REPLICAS instances of each of the four services, the web
# workspace and the YARP gateway, with the Aspire dashboard as telemetry viewer. This script is a thin wrapper: it
# starts the AppHost in the background, waits for the gateway's /health, and stops it all.
#
# Usage: deploy/local/distributed.sh <command>
#   start         build (unless CT_NO_BUILD=1), start the AppHost, wait until the gateway's /health answers 200
#   stop          stop the AppHost and everything it started (also after the AppHost was killed)
#   status        the AppHost, each resource (state, health, pid), the gateway's /alive and /health
#   broker-start  start the broker (a broker-only AppHost when nothing runs, e.g. for benchmarks)
#   broker-stop   stop the broker (its resource stop command), the rest keeps running
#   broker-kill   kill -9 the broker's Erlang VM (fault tests); broker-start brings it back
#   resource-start|resource-stop|resource-restart <name>   the AppHost's command on one resource (e.g. tagging-2)
#   resource-kill <name>   kill -9 of one resource's process (fault tests); resource-start brings it back
#   broker-queues  every queue of the broker with its number of consumers (rabbitmqctl list_queues name consumers)
#   logs [name] [-f]  tail the logs (name: a resource, e.g. rabbitmq, actionplans, tagging-2, gateway; or apphost)
#
# Settings (environment, with defaults): see deploy/README.md.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"

CT_STATE_DIR="${CT_STATE_DIR:-$REPO_ROOT/.run}"
CT_CONFIGURATION="${CT_CONFIGURATION:-Release}"
CT_NO_BUILD="${CT_NO_BUILD:-0}"
CT_GATEWAY_PORT="${CT_GATEWAY_PORT:-8080}"
CT_ADMIN_KEY="${CT_ADMIN_KEY:-local-admin-key-change-me}"
CT_DB_PROVIDER="${CT_DB_PROVIDER:-Sqlite}"
CT_REPLICAS="${CT_REPLICAS:-1}"
# Derived the same way as the AppHost does (LocalSettings.cs): a run takes the 70 ports from CT_GATEWAY_PORT up.
CT_RABBITMQ_PORT="${CT_RABBITMQ_PORT:-$((CT_GATEWAY_PORT + 6))}"
CT_DASHBOARD_PORT="${CT_DASHBOARD_PORT:-$((CT_GATEWAY_PORT + 10))}"
CT_CONTROL_PORT="${CT_CONTROL_PORT:-$((CT_GATEWAY_PORT + 13))}"
# Key the gateway signs forwarded identities with and services check them with; a new random one per run unless set.
CT_INTERNAL_SIGNING_KEY="${CT_INTERNAL_SIGNING_KEY:-$(head -c 48 /dev/urandom | base64 | tr -d '\n')}"
CT_START_TIMEOUT="${CT_START_TIMEOUT:-180}" # seconds for the gateway's /health to answer 200
CT_BROKER_TIMEOUT="${CT_BROKER_TIMEOUT:-90}" # seconds for the broker to start or stop
CT_STOP_TIMEOUT="${CT_STOP_TIMEOUT:-30}"     # seconds for the AppHost to stop its resources before SIGKILL

APPHOST_DIR="$REPO_ROOT/deploy/CommitmentTracker.AppHost"
APPHOST_DLL="$APPHOST_DIR/bin/$CT_CONFIGURATION/net10.0/CommitmentTracker.AppHost.dll"
PID_DIR="$CT_STATE_DIR/pids"
LOG_DIR="$CT_STATE_DIR/logs"

log() { printf '[distributed] %s\n' "$*"; }
err() { printf '[distributed] ERROR: %s\n' "$*" >&2; }
die() { err "$*"; exit 1; }

usage() {
  sed -n '2,22p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

validate_settings() {
  [[ "$CT_GATEWAY_PORT" =~ ^[0-9]+$ ]] && ((CT_GATEWAY_PORT > 0 && CT_GATEWAY_PORT + 70 <= 65535)) \
    || die "CT_GATEWAY_PORT=$CT_GATEWAY_PORT: a run takes the 70 ports from there up; choose a port below 65466"
  case "$CT_DB_PROVIDER" in
    Sqlite | Postgres) ;;
    SqlServer) [[ -n "${CT_SQLSERVER:-}" ]] || die "CT_DB_PROVIDER=SqlServer needs CT_SQLSERVER (a connection string without Database=)" ;;
    *) die "CT_DB_PROVIDER must be Sqlite, Postgres or SqlServer (got '$CT_DB_PROVIDER')" ;;
  esac
  [[ "$CT_REPLICAS" =~ ^[1-9]$ ]] || die "CT_REPLICAS must be 1 to 9 (got '$CT_REPLICAS')"
  ((${#CT_ADMIN_KEY} >= 16)) || die "CT_ADMIN_KEY must be at least 16 characters"
  ((${#CT_INTERNAL_SIGNING_KEY} >= 32)) || die "CT_INTERNAL_SIGNING_KEY must be at least 32 characters"
}

# ---------------------------------------------------------------------------------------------
# process helpers
# ---------------------------------------------------------------------------------------------

pid_file() { printf '%s/%s.pid' "$PID_DIR" "$1"; }

# Start time of a process (clock ticks since boot), to tell a reused pid from ours.
proc_start_time() {
  local stat
  stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
  stat="${stat##*) }"
  # shellcheck disable=SC2086 # split into fields on purpose
  set -- $stat
  printf '%s' "${20:-}"
}

write_pid() { printf '%s %s\n' "$2" "$(proc_start_time "$2" || true)" >"$(pid_file "$1")"; }

read_pid() {
  local f pid rest
  f="$(pid_file "$1")"
  [[ -s "$f" ]] || return 1
  read -r pid rest <"$f" || true
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  printf '%s' "$pid"
}

pid_alive() { [[ -n "${1:-}" ]] && kill -0 "$1" 2>/dev/null; }

# Prints the pid of a running component, fails when it is not running (or the pid was reused).
running_pid() {
  local f pid started now
  pid="$(read_pid "$1")" || return 1
  pid_alive "$pid" || return 1
  f="$(pid_file "$1")"
  read -r _ started <"$f" || true
  if [[ -n "${started:-}" && -r "/proc/$pid/stat" ]]; then
    now="$(proc_start_time "$pid" || true)"
    [[ "$now" == "$started" ]] || return 1
  fi
  printf '%s' "$pid"
}

# tree <pid>...: "<pid> <start time>" of these processes and all below them (by parent pid).
tree() {
  local pid
  ps -eo pid=,ppid= | awk -v roots="$*" '
    BEGIN { n = split(roots, r, " "); for (i = 1; i <= n; i++) keep[r[i]] = 1 }
    { parent[$1] = $2 }
    END {
      changed = 1
      while (changed) { changed = 0; for (p in parent) if (!(p in keep) && (parent[p] in keep)) { keep[p] = 1; changed = 1 } }
      for (p in keep) if (p in parent) print p
    }' | while read -r pid; do printf '%s %s\n' "$pid" "$(proc_start_time "$pid" || true)"; done
}

# DCP, the orchestrator the AppHost starts: it detaches (its own session, parent 1) and watches the AppHost's pid.
dcp_pids() { ps -eo pid=,args= | awk -v apphost="$1" '$0 ~ ("start-apiserver --monitor " apphost " ") { print $1 }'; }

# Everything of this run: the AppHost, DCP and the resources DCP started, with their start times; kept in
# pids/processes so that `stop` can still find them after the AppHost was killed.
remember_processes() {
  local apphost
  apphost="$(read_pid apphost)" || return 0
  # shellcheck disable=SC2046 # a list of pids
  { cat "$PID_DIR/processes" 2>/dev/null || true; tree "$apphost" $(dcp_pids "$apphost"); } | sort -u >"$PID_DIR/processes.new"
  mv "$PID_DIR/processes.new" "$PID_DIR/processes"
}

# Prints the remembered processes that still run (same pid, same start time).
remembered_alive() {
  local pid started
  [[ -f "$PID_DIR/processes" ]] || return 0
  while read -r pid started; do
    [[ "$(proc_start_time "$pid" 2>/dev/null || true)" == "$started" && -n "$started" ]] && printf '%s\n' "$pid"
  done <"$PID_DIR/processes"
}

wait_remembered_gone() {
  local deadline=$((SECONDS + $1))
  while [[ -n "$(remembered_alive)" ]]; do
    ((SECONDS >= deadline)) && return 1
    sleep 0.5
  done
}

port_open() { timeout 2 bash -c "</dev/tcp/127.0.0.1/$1" 2>/dev/null; }

# http_status <url> [method]: prints the HTTP status code (000 when nothing answers).
http_status() {
  curl -s -o /dev/null -w '%{http_code}' --max-time 5 -X "${2:-GET}" "$1" 2>/dev/null || true
}

log_tail() {
  local f="$1" n="${2:-40}"
  if [[ -f "$f" ]]; then
    err "last $n lines of $f:"
    tail -n "$n" "$f" >&2 || true
  fi
}

# control <method> <path> [max seconds]: the AppHost's control channel (ControlChannel.cs); prints its answer.
control() {
  local out code body=()
  # HttpListener wants a Content-Length on a POST, even an empty one.
  [[ "$1" == "POST" ]] && body=(--data '')
  out="$(curl -s -S --max-time "${3:-200}" -X "$1" "${body[@]}" -w '\n%{http_code}' "http://127.0.0.1:$CT_CONTROL_PORT$2" 2>&1)" || {
    err "the AppHost's control channel (port $CT_CONTROL_PORT) did not answer: $out"
    return 1
  }
  code="${out##*$'\n'}"
  out="${out%$'\n'*}"
  if [[ "$code" != "200" ]]; then
    err "$1 $2: $code $out"
    return 1
  fi
  printf '%s\n' "$out" | sed '/^$/d'
}

# resource_pid <name>: the pid of a resource's process, from the AppHost's table.
resource_pid() {
  control GET /resources 10 | awk -F'\t' -v name="$1" '$1 == name && $4 ~ /^[0-9]+$/ { print $4 }'
}

# ---------------------------------------------------------------------------------------------
# the AppHost
# ---------------------------------------------------------------------------------------------

require_tools() {
  command -v dotnet >/dev/null 2>&1 || die "dotnet not found on PATH"
  command -v curl >/dev/null 2>&1 || die "curl not found on PATH (apt-get install -y curl)"
  if [[ ! -x /usr/lib/rabbitmq/bin/rabbitmq-server ]]; then
    err "RabbitMQ is not installed (/usr/lib/rabbitmq/bin/rabbitmq-server not found)."
    err "Install Debian's package:  sudo apt-get install -y rabbitmq-server"
    err "(the AppHost runs its own broker node; the system service is not needed and may stay stopped)"
    exit 2
  fi
  if [[ "$CT_DB_PROVIDER" == "Postgres" && ! -x /usr/lib/postgresql/15/bin/postgres ]]; then
    err "PostgreSQL 15 is not installed: sudo apt-get install -y postgresql (the system service may stay stopped)"
    exit 2
  fi
}

build() {
  if [[ "$CT_NO_BUILD" == "1" ]]; then
    log "CT_NO_BUILD=1: not building"
    return 0
  fi
  log "dotnet build CommitmentTracker.slnx -c $CT_CONFIGURATION"
  (cd "$REPO_ROOT" && dotnet build CommitmentTracker.slnx -c "$CT_CONFIGURATION" -nologo -v:q) || die "build failed"
}

# launch_apphost [NAME=VALUE...]: the AppHost in its own session, in the background; its output goes to logs/apphost.log.
launch_apphost() {
  [[ -f "$APPHOST_DLL" ]] || die "$APPHOST_DLL not found (build with -c $CT_CONFIGURATION, or unset CT_NO_BUILD)"
  mkdir -p "$PID_DIR" "$LOG_DIR"
  printf '\n===== apphost start %s =====\n' "$(date -Is)" >>"$LOG_DIR/apphost.log"
  (
    cd "$(dirname "$APPHOST_DLL")"
    exec setsid env CT_REPO_ROOT="$REPO_ROOT" CT_STATE_DIR="$CT_STATE_DIR" CT_CONFIGURATION="$CT_CONFIGURATION" \
      CT_GATEWAY_PORT="$CT_GATEWAY_PORT" CT_RABBITMQ_PORT="$CT_RABBITMQ_PORT" CT_DASHBOARD_PORT="$CT_DASHBOARD_PORT" \
      CT_CONTROL_PORT="$CT_CONTROL_PORT" CT_ADMIN_KEY="$CT_ADMIN_KEY" CT_INTERNAL_SIGNING_KEY="$CT_INTERNAL_SIGNING_KEY" \
      CT_DB_PROVIDER="$CT_DB_PROVIDER" CT_REPLICAS="$CT_REPLICAS" "$@" \
      DOTNET_ENVIRONMENT=Production \
      dotnet "$APPHOST_DLL" </dev/null >>"$LOG_DIR/apphost.log" 2>&1
  ) &
  write_pid apphost "$!"
  log "started the AppHost (pid $!); dashboard http://127.0.0.1:$CT_DASHBOARD_PORT (login link in $LOG_DIR/apphost.log)"
}

# wait_until <what> <seconds> <command...>: polls the command while the AppHost lives.
wait_until() {
  local what="$1" secs="$2" deadline=$((SECONDS + $2)) pid
  shift 2
  pid="$(read_pid apphost || true)"
  until "$@"; do
    if ! pid_alive "$pid"; then
      log_tail "$LOG_DIR/apphost.log"
      err "the AppHost exited before $what (logs: $LOG_DIR)"
      return 1
    fi
    if ((SECONDS >= deadline)); then
      log_tail "$LOG_DIR/apphost.log"
      err "no $what within ${secs}s (logs: $LOG_DIR)"
      return 1
    fi
    sleep 1
  done
}

gateway_healthy() { [[ "$(http_status "http://127.0.0.1:$CT_GATEWAY_PORT/health")" == "200" ]]; }

refuse_if_running() {
  local pid
  if pid="$(running_pid apphost)"; then
    err "the AppHost already runs (pid $pid) for $CT_STATE_DIR"
    err "use '$0 status', or '$0 stop' first"
    exit 1
  fi
}

do_start() {
  validate_settings
  require_tools
  refuse_if_running
  local port
  for port in "$CT_GATEWAY_PORT" "$CT_RABBITMQ_PORT" "$CT_DASHBOARD_PORT" "$CT_CONTROL_PORT"; do
    port_open "$port" && die "port $port is already in use by another process; choose another CT_GATEWAY_PORT"
  done
  build
  launch_apphost
  if ! wait_until "gateway /health 200 on http://127.0.0.1:$CT_GATEWAY_PORT" "$CT_START_TIMEOUT" gateway_healthy; then
    if [[ "${CT_KEEP_ON_FAILURE:-0}" == "1" ]]; then
      err "start failed; CT_KEEP_ON_FAILURE=1, leaving it running"
    else
      err "start failed; stopping what was started (CT_KEEP_ON_FAILURE=1 keeps it)"
      do_stop || true
    fi
    exit 1
  fi
  remember_processes
  log "all up ($CT_REPLICAS instance(s) of each service, $CT_DB_PROVIDER). Gateway: http://127.0.0.1:$CT_GATEWAY_PORT"
  log "dashboard: http://127.0.0.1:$CT_DASHBOARD_PORT   logs: $LOG_DIR   stop with: $0 stop"
}

do_stop() {
  local pid
  remember_processes
  if pid="$(running_pid apphost)"; then
    # SIGTERM: the AppHost stops its resources (DCP sends them SIGTERM, then SIGKILL) and exits.
    log "stopping the AppHost (pid $pid) and its resources"
    kill -TERM "$pid" 2>/dev/null || true
    local deadline=$((SECONDS + CT_STOP_TIMEOUT))
    while pid_alive "$pid" && ((SECONDS < deadline)); do sleep 0.5; done
    if pid_alive "$pid"; then
      err "the AppHost did not stop within ${CT_STOP_TIMEOUT}s; SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  # Once the AppHost is gone (stopped, or killed before) DCP tears the rest down on its own; whatever of this run is
  # left after a bounded wait gets SIGKILL.
  if ! wait_remembered_gone "$CT_STOP_TIMEOUT"; then
    err "still running ${CT_STOP_TIMEOUT}s after the AppHost: $(remembered_alive | tr '\n' ' ')- SIGKILL"
    remembered_alive | xargs -r kill -KILL 2>/dev/null || true
    wait_remembered_gone 10 || err "some processes survived SIGKILL: $(remembered_alive | tr '\n' ' ')"
  fi
  rm -f "$(pid_file apphost)" "$PID_DIR/processes"
  log "stopped"
}

do_status() {
  local pid
  if ! pid="$(running_pid apphost)"; then
    printf 'AppHost: stopped (%s)\n' "$CT_STATE_DIR"
    return 0
  fi
  printf 'AppHost: running, pid %s; dashboard http://127.0.0.1:%s\n\n' "$pid" "$CT_DASHBOARD_PORT"
  printf '%-16s %-10s %-10s %s\n' RESOURCE STATE HEALTH PID
  control GET /resources 10 | awk -F'\t' '{ printf "%-16s %-10s %-10s %s\n", $1, $2, $3, $4 }'
  printf '\ngateway http://127.0.0.1:%s  /alive %s  /health %s\n' "$CT_GATEWAY_PORT" \
    "$(http_status "http://127.0.0.1:$CT_GATEWAY_PORT/alive")" "$(http_status "http://127.0.0.1:$CT_GATEWAY_PORT/health")"
}

do_broker_start() {
  if running_pid apphost >/dev/null; then
    log "starting the broker resource"
    control POST /resources/rabbitmq/start "$CT_BROKER_TIMEOUT" >/dev/null || die "the broker did not start"
  else
    validate_settings
    require_tools
    port_open "$CT_RABBITMQ_PORT" && die "port $CT_RABBITMQ_PORT is already in use by another process"
    launch_apphost CT_BROKER_ONLY=1
    wait_until "AMQP on 127.0.0.1:$CT_RABBITMQ_PORT" "$CT_BROKER_TIMEOUT" port_open "$CT_RABBITMQ_PORT" || { do_stop || true; exit 1; }
  fi
  remember_processes
  log "broker ready: amqp://127.0.0.1:$CT_RABBITMQ_PORT/"
}

do_broker_stop() {
  running_pid apphost >/dev/null || { log "nothing runs"; return 0; }
  control POST /resources/rabbitmq/stop "$CT_BROKER_TIMEOUT" >/dev/null || die "the broker did not stop"
  log "broker stopped"
}

do_broker_kill() {
  local vm
  vm="$(cat "$PID_DIR/broker-vm.pid" 2>/dev/null || true)"
  [[ "$vm" =~ ^[0-9]+$ ]] && pid_alive "$vm" || die "no broker VM running (pid file $PID_DIR/broker-vm.pid)"
  log "kill -9 of the broker's Erlang VM (pid $vm)"
  kill -KILL "$vm"
  local deadline=$((SECONDS + 10))
  while pid_alive "$vm" && ((SECONDS < deadline)); do sleep 0.2; done
  pid_alive "$vm" && die "broker VM $vm still present"
  rm -f "$PID_DIR/broker-vm.pid"
  log "broker killed; 'broker-start' brings the node back"
}

do_resource() {
  local command="$1" name="${2:-}"
  [[ -n "$name" ]] || die "resource-$command needs a resource name (see '$0 status')"
  running_pid apphost >/dev/null || die "the AppHost does not run"
  control POST "/resources/$name/$command"
  remember_processes
}

do_resource_kill() {
  local name="${1:-}" pid
  [[ -n "$name" ]] || die "resource-kill needs a resource name (see '$0 status')"
  running_pid apphost >/dev/null || die "the AppHost does not run"
  pid="$(resource_pid "$name")"
  [[ -n "$pid" ]] || die "no running process for resource '$name'"
  log "kill -9 of $name (pid $pid)"
  kill -KILL "$pid"
}

do_broker_queues() {
  local rmq="$CT_STATE_DIR/rabbitmq" amqp="$CT_RABBITMQ_PORT" cli="${CT_RABBITMQ_CTL_PORT:-$((CT_GATEWAY_PORT + 14))}"
  [[ -d "$rmq/home" ]] || die "no broker data in $rmq"
  (
    # rabbitmqctl needs the node's name, its epmd port and its cookie (in HOME), as the AppHost gave them to the node.
    export HOME="$rmq/home" ERL_EPMD_PORT="${CT_RABBITMQ_EPMD_PORT:-$((CT_GATEWAY_PORT + 8))}" ERL_EPMD_ADDRESS=127.0.0.1
    export RABBITMQ_CONF_ENV_FILE="$rmq/rabbitmq-env.conf" RABBITMQ_CTL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
    export RABBITMQ_CTL_DIST_PORT_MIN="$cli" RABBITMQ_CTL_DIST_PORT_MAX="$((cli + 10))"
    cd "$rmq"
    timeout --kill-after=5 60 /usr/lib/rabbitmq/bin/rabbitmqctl -q -n "${CT_RABBITMQ_NODENAME:-ct-$amqp@localhost}" list_queues name consumers
  )
}

do_logs() {
  local name="${1:-}" follow="${2:-}"
  if [[ "$name" == "-f" ]]; then
    name="${2:-}"
    follow="-f"
  fi
  if [[ -n "$name" ]]; then
    local f="$LOG_DIR/$name.log"
    [[ -f "$f" ]] || die "no log $f"
    if [[ "$follow" == "-f" ]]; then
      exec tail -n 100 -F "$f"
    fi
    tail -n 100 "$f"
    return 0
  fi
  local f
  shopt -s nullglob
  for f in "$LOG_DIR"/*.log; do
    printf '==> %s <==\n' "$f"
    tail -n 20 "$f"
    printf '\n'
  done
}

main() {
  local cmd="${1:-}"
  (($# > 0)) && shift
  case "$cmd" in
    start) do_start ;;
    stop) do_stop ;;
    status) do_status ;;
    broker-start) do_broker_start ;;
    broker-stop) do_broker_stop ;;
    broker-kill) do_broker_kill ;;
    resource-start) do_resource start "$@" ;;
    resource-stop) do_resource stop "$@" ;;
    resource-restart) do_resource restart "$@" ;;
    resource-kill) do_resource_kill "$@" ;;
    broker-queues) do_broker_queues ;;
    logs) do_logs "$@" ;;
    -h | --help | help) usage ;;
    *) usage >&2; exit 64 ;;
  esac
}

main "$@"
