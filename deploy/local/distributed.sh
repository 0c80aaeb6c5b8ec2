#!/usr/bin/env bash
# Runs Commitment Tracker in distributed mode on one machine:
#   a private RabbitMQ node (Debian's rabbitmq-server, run as this script's own process, never the
#   system service), the four services (one `dotnet <dll>` process each), the web workspace and the YARP gateway.
#
# Usage: deploy/local/distributed.sh <command>
#   start         build (unless CT_NO_BUILD=1), start the broker, the 4 services, the web workspace, then the gateway
#   stop          stop the gateway, the web workspace, the services and the broker (SIGTERM, bounded wait, SIGKILL)
#   status        show what runs, with /alive and /health of each process
#   broker-start  start only the broker (same node, same data as before)
#   broker-stop   stop only the broker (rabbitmqctl stop, bounded wait, then kill)
#   broker-kill   kill -9 the broker's Erlang VM (fault tests); broker-start brings it back
#   logs [name] [-f]  tail the logs (name: broker, actionplans, tagging, engagement, notifications, web, gateway)
#
# Settings (environment, with defaults): see deploy/README.md.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"

CT_STATE_DIR="${CT_STATE_DIR:-$REPO_ROOT/.run}"
CT_CONFIGURATION="${CT_CONFIGURATION:-Release}"
CT_NO_BUILD="${CT_NO_BUILD:-0}"
CT_GATEWAY_PORT="${CT_GATEWAY_PORT:-8080}"
CT_ACTIONPLANS_PORT="${CT_ACTIONPLANS_PORT:-8081}"
CT_TAGGING_PORT="${CT_TAGGING_PORT:-8082}"
CT_ENGAGEMENT_PORT="${CT_ENGAGEMENT_PORT:-8083}"
CT_NOTIFICATIONS_PORT="${CT_NOTIFICATIONS_PORT:-8084}"
CT_WEB_PORT="${CT_WEB_PORT:-8085}"
CT_RABBITMQ_PORT="${CT_RABBITMQ_PORT:-5672}"
CT_ADMIN_KEY="${CT_ADMIN_KEY:-local-admin-key-change-me}"
# Key the gateway signs forwarded identities with and services check them with; a new random one per run unless set.
CT_INTERNAL_SIGNING_KEY="${CT_INTERNAL_SIGNING_KEY:-$(head -c 48 /dev/urandom | base64 | tr -d '\n')}"
CT_DB_PROVIDER="${CT_DB_PROVIDER:-Sqlite}"
# Less common settings.
CT_RABBITMQ_DIST_PORT="${CT_RABBITMQ_DIST_PORT:-$((CT_RABBITMQ_PORT + 21000))}"
CT_RABBITMQ_EPMD_PORT="${CT_RABBITMQ_EPMD_PORT:-$((CT_RABBITMQ_PORT + 22000))}"
CT_RABBITMQ_CTL_PORT="${CT_RABBITMQ_CTL_PORT:-$((CT_RABBITMQ_PORT + 23000))}"
CT_RABBITMQ_USERNAME="${CT_RABBITMQ_USERNAME:-guest}"
CT_RABBITMQ_PASSWORD="${CT_RABBITMQ_PASSWORD:-guest}"
CT_RABBITMQ_NODENAME="${CT_RABBITMQ_NODENAME:-ct-${CT_RABBITMQ_PORT}@localhost}"
CT_SQLSERVER="${CT_SQLSERVER:-}"            # base connection string when CT_DB_PROVIDER=SqlServer
CT_START_TIMEOUT="${CT_START_TIMEOUT:-120}"  # seconds, per wait for a process to answer /alive
CT_BROKER_TIMEOUT="${CT_BROKER_TIMEOUT:-90}" # seconds, for the broker to start
CT_STOP_TIMEOUT="${CT_STOP_TIMEOUT:-30}"     # seconds between SIGTERM and SIGKILL

RABBITMQ_BIN_DIR="${CT_RABBITMQ_BIN_DIR:-/usr/lib/rabbitmq/bin}"

PID_DIR="$CT_STATE_DIR/pids"
LOG_DIR="$CT_STATE_DIR/logs"
DATA_DIR="$CT_STATE_DIR/data"
RMQ_DIR="$CT_STATE_DIR/rabbitmq"

# name|project dir|assembly|port|connection string name|cluster id
SERVICES=(
  "actionplans|services/CommitmentTracker.ActionPlans|CommitmentTracker.ActionPlans|$CT_ACTIONPLANS_PORT|ActionPlans"
  "tagging|services/CommitmentTracker.Tagging|CommitmentTracker.Tagging|$CT_TAGGING_PORT|Tagging"
  "engagement|services/CommitmentTracker.Engagement|CommitmentTracker.Engagement|$CT_ENGAGEMENT_PORT|Engagement"
  "notifications|services/CommitmentTracker.Notifications|CommitmentTracker.Notifications|$CT_NOTIFICATIONS_PORT|Notifications"
)
GATEWAY="gateway|gateway/CommitmentTracker.Gateway|CommitmentTracker.Gateway|$CT_GATEWAY_PORT|"
# The web workspace: pages only, calling the API through the gateway with each person's own credential.
WEB="web|services/CommitmentTracker.Web|CommitmentTracker.Web|$CT_WEB_PORT|"

log() { printf '[distributed] %s\n' "$*"; }
err() { printf '[distributed] ERROR: %s\n' "$*" >&2; }
die() { err "$*"; exit 1; }

usage() {
  sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

check_port_setting() {
  local name="$1" value="$2"
  if ! [[ "$value" =~ ^[0-9]+$ ]] || ((value < 1 || value > 65535)); then
    die "$name=$value is not a TCP port (derived ports must stay below 65536; set them explicitly)"
  fi
}

validate_settings() {
  local v
  for v in CT_GATEWAY_PORT CT_ACTIONPLANS_PORT CT_TAGGING_PORT CT_ENGAGEMENT_PORT CT_NOTIFICATIONS_PORT CT_WEB_PORT \
    CT_RABBITMQ_PORT CT_RABBITMQ_DIST_PORT CT_RABBITMQ_EPMD_PORT CT_RABBITMQ_CTL_PORT; do
    check_port_setting "$v" "${!v}"
  done
  check_port_setting "CT_RABBITMQ_CTL_PORT+10" "$((CT_RABBITMQ_CTL_PORT + 10))"
  case "$CT_DB_PROVIDER" in
    Sqlite) ;;
    SqlServer) [[ -n "$CT_SQLSERVER" ]] || die "CT_DB_PROVIDER=SqlServer needs CT_SQLSERVER (a connection string without Database=)" ;;
    *) die "CT_DB_PROVIDER must be Sqlite or SqlServer (got '$CT_DB_PROVIDER')" ;;
  esac
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

# write_pid <name> <pid>: "<pid> <start time>"
write_pid() {
  printf '%s %s\n' "$2" "$(proc_start_time "$2" || true)" >"$(pid_file "$1")"
}

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

group_alive() { kill -0 -- "-$1" 2>/dev/null; }

# wait_gone <seconds> <pid>...: waits until none of the pids' process groups has a live member.
wait_gone() {
  local deadline=$((SECONDS + $1)) pid any
  shift
  while :; do
    any=0
    for pid in "$@"; do
      if group_alive "$pid" || pid_alive "$pid"; then any=1; fi
    done
    ((any == 0)) && return 0
    ((SECONDS >= deadline)) && return 1
    sleep 0.5
  done
}

# kill_groups <pid>...: SIGTERM to each process group, bounded wait, then SIGKILL.
kill_groups() {
  (($# > 0)) || return 0
  local pid
  for pid in "$@"; do
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  done
  if ! wait_gone "$CT_STOP_TIMEOUT" "$@"; then
    for pid in "$@"; do
      if group_alive "$pid" || pid_alive "$pid"; then
        err "pid $pid did not stop within ${CT_STOP_TIMEOUT}s; sending SIGKILL"
        kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
      fi
    done
    wait_gone 10 "$@" || err "some processes survived SIGKILL: $*"
  fi
}

port_open() { timeout 2 bash -c "</dev/tcp/127.0.0.1/$1" 2>/dev/null; }

# http_status <url>: prints the HTTP status code (000 when nothing answers).
http_status() {
  local url="$1"
  if command -v curl >/dev/null 2>&1; then
    curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$url" 2>/dev/null || true
    return 0
  fi
  # Fallback without curl: a raw HTTP/1.0 request over bash's /dev/tcp.
  local rest="${url#http://}" hostport path host port code
  hostport="${rest%%/*}"
  path="/${rest#*/}"
  host="${hostport%:*}"
  port="${hostport##*:}"
  # shellcheck disable=SC2016 # expanded by the inner bash
  code="$(timeout 5 bash -c 'exec 3<>"/dev/tcp/$1/$2" || exit 1
    printf "GET %s HTTP/1.0\r\nHost: %s\r\n\r\n" "$3" "$1" >&3
    IFS=" " read -r _ status _ <&3
    printf "%s" "$status"' _ "$host" "$port" "$path" 2>/dev/null || true)"
  printf '%s' "${code:-000}"
}

log_tail() {
  local f="$1" n="${2:-40}"
  if [[ -f "$f" ]]; then
    err "last $n lines of $f:"
    tail -n "$n" "$f" >&2 || true
  fi
}

# ---------------------------------------------------------------------------------------------
# RabbitMQ (our own node)
# ---------------------------------------------------------------------------------------------

require_rabbitmq() {
  if [[ ! -x "$RABBITMQ_BIN_DIR/rabbitmq-server" || ! -x "$RABBITMQ_BIN_DIR/rabbitmqctl" ]]; then
    err "RabbitMQ is not installed ($RABBITMQ_BIN_DIR/rabbitmq-server not found)."
    err "Install Debian's package:  sudo apt-get install -y rabbitmq-server"
    err "(this script runs its own broker node; the system service is not needed and may stay stopped)"
    exit 2
  fi
  command -v epmd >/dev/null 2>&1 || die "epmd (from erlang-base) not found; apt-get install -y rabbitmq-server"
}

# Everything the broker and rabbitmqctl must share: node name, ports, dirs, HOME (cookie), EPMD port.
rmq_env() {
  export HOME="$RMQ_DIR/home"
  export ERL_EPMD_PORT="$CT_RABBITMQ_EPMD_PORT"
  export ERL_EPMD_ADDRESS="127.0.0.1"
  export ERL_CRASH_DUMP="$RMQ_DIR/log/erl_crash.dump"
  export RABBITMQ_NODENAME="$CT_RABBITMQ_NODENAME"
  export RABBITMQ_USE_LONGNAME="false"
  export RABBITMQ_NODE_IP_ADDRESS="127.0.0.1"
  export RABBITMQ_NODE_PORT="$CT_RABBITMQ_PORT"
  export RABBITMQ_DIST_PORT="$CT_RABBITMQ_DIST_PORT"
  export RABBITMQ_MNESIA_BASE="$RMQ_DIR/mnesia"
  export RABBITMQ_LOG_BASE="$RMQ_DIR/log"
  export RABBITMQ_CONFIG_FILE="$RMQ_DIR/rabbitmq.conf"
  export RABBITMQ_ADVANCED_CONFIG_FILE="$RMQ_DIR/advanced.config"
  export RABBITMQ_CONF_ENV_FILE="$RMQ_DIR/rabbitmq-env.conf"
  export RABBITMQ_ENABLED_PLUGINS_FILE="$RMQ_DIR/enabled_plugins"
  export RABBITMQ_PLUGINS_EXPAND_DIR="$RMQ_DIR/plugins-expand"
  export RABBITMQ_PID_FILE="$PID_DIR/broker-vm.pid"
  # Erlang distribution (node <-> rabbitmqctl) on loopback only.
  export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
  export RABBITMQ_CTL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
  export RABBITMQ_CTL_DIST_PORT_MIN="$CT_RABBITMQ_CTL_PORT"
  export RABBITMQ_CTL_DIST_PORT_MAX="$((CT_RABBITMQ_CTL_PORT + 10))"
}

# rabbitmqctl with the node's environment, bounded in time. Usage: rmqctl <seconds> <args...>
rmqctl() {
  local secs="$1"
  shift
  (
    rmq_env
    cd "$RMQ_DIR"
    timeout --kill-after=5 "$secs" "$RABBITMQ_BIN_DIR/rabbitmqctl" -n "$CT_RABBITMQ_NODENAME" "$@"
  )
}

prepare_rabbitmq_dirs() {
  mkdir -p "$PID_DIR" "$LOG_DIR" "$RMQ_DIR/home" "$RMQ_DIR/mnesia" "$RMQ_DIR/log" "$RMQ_DIR/plugins-expand"
  local cookie="$RMQ_DIR/home/.erlang.cookie"
  if [[ ! -s "$cookie" ]]; then
    (
      umask 077
      if command -v openssl >/dev/null 2>&1; then
        openssl rand -hex 24 >"$cookie"
      else
        head -c 32 /dev/urandom | od -An -tx1 | tr -dc '0-9a-f' >"$cookie"
      fi
    )
  fi
  chmod 400 "$cookie"
  # Management plugin (and every other plugin) off.
  printf '[].\n' >"$RMQ_DIR/enabled_plugins"
  : >"$RMQ_DIR/rabbitmq-env.conf" # keeps /etc/rabbitmq/rabbitmq-env.conf out of our node
  cat >"$RMQ_DIR/rabbitmq.conf" <<EOF
# Generated by deploy/local/distributed.sh; rewritten at every broker-start.
# Listener address/port come from RABBITMQ_NODE_IP_ADDRESS / RABBITMQ_NODE_PORT.
default_user = $CT_RABBITMQ_USERNAME
default_pass = $CT_RABBITMQ_PASSWORD
default_vhost = /
disk_free_limit.absolute = 50MB
log.console = false
log.file.level = info
EOF
}

epmd_running() { timeout 5 epmd -port "$CT_RABBITMQ_EPMD_PORT" -names >/dev/null 2>&1; }

start_epmd() {
  if epmd_running; then
    return 0
  fi
  local pid
  pid="$(running_pid epmd || true)"
  if [[ -n "$pid" ]]; then kill_groups "$pid"; fi
  # Our own epmd on our own port, on loopback, not daemonized so we own its pid.
  setsid epmd -port "$CT_RABBITMQ_EPMD_PORT" -address 127.0.0.1 </dev/null >>"$LOG_DIR/epmd.log" 2>&1 &
  write_pid epmd "$!"
  local deadline=$((SECONDS + 15))
  until epmd_running; do
    ((SECONDS < deadline)) || { log_tail "$LOG_DIR/epmd.log"; die "epmd did not start on port $CT_RABBITMQ_EPMD_PORT"; }
    sleep 0.3
  done
}

stop_epmd() {
  local pid
  if pid="$(running_pid epmd)"; then
    kill_groups "$pid"
  fi
  rm -f "$(pid_file epmd)"
  # rabbitmqctl spawns an epmd daemon on our port when none runs; don't leave one behind.
  if epmd_running; then
    timeout 5 epmd -port "$CT_RABBITMQ_EPMD_PORT" -kill >/dev/null 2>&1 || true
  fi
}

broker_running() { running_pid broker >/dev/null 2>&1; }

broker_start() {
  require_rabbitmq
  if broker_running; then
    log "broker already running (node $CT_RABBITMQ_NODENAME, amqp://127.0.0.1:$CT_RABBITMQ_PORT, pid $(running_pid broker))"
    return 0
  fi
  # A leftover of a crashed run (wrapper gone, VM still there) would hold the mnesia lock.
  local vm
  if vm="$(running_pid broker-vm)"; then
    err "a broker VM (pid $vm) without its wrapper is still running; killing it"
    kill -KILL "$vm" 2>/dev/null || true
    wait_gone 10 "$vm" || true
  fi
  if port_open "$CT_RABBITMQ_PORT"; then
    die "port $CT_RABBITMQ_PORT is already taken by another process; set CT_RABBITMQ_PORT"
  fi
  if port_open "$CT_RABBITMQ_DIST_PORT"; then
    die "Erlang distribution port $CT_RABBITMQ_DIST_PORT is already taken; set CT_RABBITMQ_DIST_PORT"
  fi
  prepare_rabbitmq_dirs
  rm -f "$PID_DIR/broker-vm.pid"
  (
    rmq_env
    start_epmd
  )
  log "starting RabbitMQ node $CT_RABBITMQ_NODENAME on 127.0.0.1:$CT_RABBITMQ_PORT (epmd $CT_RABBITMQ_EPMD_PORT, dist $CT_RABBITMQ_DIST_PORT)"
  (
    rmq_env
    cd "$RMQ_DIR"
    exec setsid "$RABBITMQ_BIN_DIR/rabbitmq-server" </dev/null >>"$LOG_DIR/broker.log" 2>&1
  ) &
  local pid=$!
  write_pid broker "$pid"

  # The AMQP listener opens near the end of boot; only then ask await_startup, with a short timeout per try: a
  # call made mid-boot (e.g. while Mnesia recovers after a kill -9) can miss the moment and hang until killed.
  local deadline=$((SECONDS + CT_BROKER_TIMEOUT)) left
  until port_open "$CT_RABBITMQ_PORT" && rmqctl 10 -q await_startup >>"$LOG_DIR/broker-ctl.log" 2>&1; do
    if ! pid_alive "$pid"; then
      log_tail "$LOG_DIR/broker.log"
      log_tail "$RMQ_DIR/log/$CT_RABBITMQ_NODENAME.log"
      die "RabbitMQ exited during startup (logs: $LOG_DIR/broker.log, $RMQ_DIR/log/)"
    fi
    left=$((deadline - SECONDS))
    if ((left <= 0)); then
      log_tail "$LOG_DIR/broker-ctl.log" 10
      log_tail "$RMQ_DIR/log/$CT_RABBITMQ_NODENAME.log"
      broker_stop || true
      die "RabbitMQ did not start within ${CT_BROKER_TIMEOUT}s"
    fi
    sleep 1
  done
  until port_open "$CT_RABBITMQ_PORT"; do
    if ((SECONDS >= deadline)); then
      broker_stop || true
      die "RabbitMQ started but port $CT_RABBITMQ_PORT does not accept connections"
    fi
    sleep 0.5
  done
  log "broker ready: amqp://$CT_RABBITMQ_USERNAME@127.0.0.1:$CT_RABBITMQ_PORT/ (pid $pid, vm pid $(read_pid broker-vm || echo '?'))"
}

broker_stop() {
  local pid vm
  pid="$(running_pid broker || true)"
  vm="$(running_pid broker-vm || true)"
  if [[ -n "$pid" || -n "$vm" ]]; then
    log "stopping RabbitMQ node $CT_RABBITMQ_NODENAME"
    if [[ -x "$RABBITMQ_BIN_DIR/rabbitmqctl" ]]; then
      rmqctl 60 -q stop >>"$LOG_DIR/broker-ctl.log" 2>&1 || err "rabbitmqctl stop failed; killing the broker"
    fi
    local targets=()
    [[ -n "$pid" ]] && targets+=("$pid")
    [[ -n "$vm" ]] && targets+=("$vm")
    if ! wait_gone "$CT_STOP_TIMEOUT" "${targets[@]}"; then
      kill_groups "${targets[@]}"
    fi
  else
    log "broker not running"
  fi
  stop_epmd
  rm -f "$(pid_file broker)" "$(pid_file broker-vm)"
}

broker_kill() {
  local vm pid
  pid="$(running_pid broker || true)"
  if ! vm="$(running_pid broker-vm)"; then
    die "no broker VM running (pid file $(pid_file broker-vm))"
  fi
  log "kill -9 of the broker's Erlang VM (pid $vm)"
  kill -KILL "$vm"
  # The wrapper script and the VM's port programs go away with it; make sure they do.
  if [[ -n "$pid" ]] && ! wait_gone 10 "$pid"; then
    kill -KILL -- "-$pid" 2>/dev/null || true
    wait_gone 5 "$pid" || true
  fi
  wait_gone 5 "$vm" || err "broker VM $vm still present"
  rm -f "$(pid_file broker)" "$(pid_file broker-vm)"
  log "broker killed; epmd (port $CT_RABBITMQ_EPMD_PORT) keeps running; 'broker-start' brings the node back"
}

# ---------------------------------------------------------------------------------------------
# .NET processes
# ---------------------------------------------------------------------------------------------

dll_path() { printf '%s/%s/bin/%s/net10.0/%s.dll' "$REPO_ROOT" "$1" "$CT_CONFIGURATION" "$2"; }

connection_string() {
  local name="$1" cs_name="$2"
  local override_var="CT_CONNSTR_${name^^}"
  if [[ -n "${!override_var:-}" ]]; then
    printf '%s' "${!override_var}"
  elif [[ "$CT_DB_PROVIDER" == "Sqlite" ]]; then
    printf 'Data Source=%s/%s.db' "$DATA_DIR" "$name"
  else
    printf '%s;Database=CommitmentTracker_%s' "${CT_SQLSERVER%;}" "$cs_name"
  fi
}

# launch <spec> [extra NAME=VALUE...]
launch() {
  local spec="$1"
  shift
  local name dir asm port cs_name
  IFS='|' read -r name dir asm port cs_name <<<"$spec"
  local dll
  dll="$(dll_path "$dir" "$asm")"
  local env_args=("ASPNETCORE_URLS=http://127.0.0.1:$port" "OTEL_SERVICE_NAME=$name")
  # The web workspace holds no key of its own: it calls the API with each signed-in person's credential.
  if [[ "$name" != "web" ]]; then
    env_args+=("Auth__BootstrapAdminKey=$CT_ADMIN_KEY" "Auth__InternalSigningKey=$CT_INTERNAL_SIGNING_KEY")
  fi
  env_args+=("$@")
  printf '\n===== %s start %s =====\n' "$name" "$(date -Is)" >>"$LOG_DIR/$name.log"
  # The content root is the build output, so appsettings*.json next to the dll are found.
  (
    cd "$(dirname "$dll")"
    exec setsid env "${env_args[@]}" dotnet "$dll" </dev/null >>"$LOG_DIR/$name.log" 2>&1
  ) &
  write_pid "$name" "$!"
  log "started $name (pid $!) on http://127.0.0.1:$port"
}

service_env() {
  local name="$1" cs_name="$2"
  printf '%s\n' \
    "Database__Provider=$CT_DB_PROVIDER" \
    "Database__MigrateAtStart=true" \
    "ConnectionStrings__$cs_name=$(connection_string "$name" "$cs_name")" \
    "Messaging__Transport=RabbitMq" \
    "Messaging__RabbitMq__Host=127.0.0.1" \
    "Messaging__RabbitMq__Port=$CT_RABBITMQ_PORT" \
    "Messaging__RabbitMq__VirtualHost=/" \
    "Messaging__RabbitMq__Username=$CT_RABBITMQ_USERNAME" \
    "Messaging__RabbitMq__Password=$CT_RABBITMQ_PASSWORD"
}

web_env() {
  # The API through the gateway; Data Protection keys (session cookies, antiforgery) in the state folder.
  printf '%s\n' "Web__ApiBaseUrl=http://127.0.0.1:$CT_GATEWAY_PORT/" "Web__DataProtectionKeysPath=$DATA_DIR/web-keys"
}

gateway_env() {
  local spec name dir asm port cs_name
  # The gateway's key store (issued API keys), beside the services' databases.
  printf '%s\n' "Database__Provider=$CT_DB_PROVIDER" "Database__MigrateAtStart=true" \
    "ConnectionStrings__ApiKeys=$(connection_string apikeys ApiKeys)" \
    "ReverseProxy__Clusters__web__Destinations__primary__Address=http://127.0.0.1:$CT_WEB_PORT/"
  for spec in "${SERVICES[@]}"; do
    IFS='|' read -r name dir asm port cs_name <<<"$spec"
    printf 'ReverseProxy__Clusters__%s__Destinations__primary__Address=http://127.0.0.1:%s/\n' "$name" "$port"
  done
}

# wait_alive <name> <port> <deadline>
wait_alive() {
  local name="$1" port="$2" deadline="$3" pid code
  pid="$(read_pid "$name" || true)"
  while :; do
    code="$(http_status "http://127.0.0.1:$port/alive")"
    [[ "$code" == "200" ]] && return 0
    if ! pid_alive "$pid"; then
      log_tail "$LOG_DIR/$name.log"
      err "$name exited before answering /alive (log: $LOG_DIR/$name.log)"
      return 1
    fi
    if ((SECONDS >= deadline)); then
      log_tail "$LOG_DIR/$name.log"
      err "$name did not answer 200 on http://127.0.0.1:$port/alive within ${CT_START_TIMEOUT}s (last status $code)"
      return 1
    fi
    sleep 1
  done
}

all_components() {
  local spec
  for spec in "$GATEWAY" "$WEB" "${SERVICES[@]}"; do printf '%s\n' "${spec%%|*}"; done
}

build() {
  if [[ "$CT_NO_BUILD" == "1" ]]; then
    log "CT_NO_BUILD=1: not building"
    return 0
  fi
  log "dotnet build CommitmentTracker.slnx -c $CT_CONFIGURATION"
  (cd "$REPO_ROOT" && dotnet build CommitmentTracker.slnx -c "$CT_CONFIGURATION" -nologo -v:q) \
    || die "build failed"
}

do_start() {
  validate_settings
  command -v dotnet >/dev/null 2>&1 || die "dotnet not found on PATH"
  require_rabbitmq
  mkdir -p "$PID_DIR" "$LOG_DIR" "$DATA_DIR"

  local name running=()
  while read -r name; do
    if running_pid "$name" >/dev/null; then running+=("$name(pid $(running_pid "$name"))"); fi
  done < <(all_components)
  if ((${#running[@]} > 0)); then
    err "already running: ${running[*]}"
    err "use '$0 status', or '$0 stop' first"
    exit 1
  fi

  local spec dir asm port cs_name
  for spec in "${SERVICES[@]}" "$WEB" "$GATEWAY"; do
    IFS='|' read -r name dir asm port cs_name <<<"$spec"
    if port_open "$port"; then
      die "port $port (for $name) is already in use by another process; set CT_${name^^}_PORT"
    fi
  done

  build
  for spec in "${SERVICES[@]}" "$WEB" "$GATEWAY"; do
    IFS='|' read -r name dir asm port cs_name <<<"$spec"
    [[ -f "$(dll_path "$dir" "$asm")" ]] \
      || die "$(dll_path "$dir" "$asm") not found (build with -c $CT_CONFIGURATION, or unset CT_NO_BUILD)"
  done

  broker_start

  local env_lines
  for spec in "${SERVICES[@]}"; do
    IFS='|' read -r name dir asm port cs_name <<<"$spec"
    mapfile -t env_lines < <(service_env "$name" "$cs_name")
    launch "$spec" "${env_lines[@]}"
  done
  local deadline=$((SECONDS + CT_START_TIMEOUT))
  for spec in "${SERVICES[@]}"; do
    IFS='|' read -r name dir asm port cs_name <<<"$spec"
    wait_alive "$name" "$port" "$deadline" || { start_failed; }
    log "$name is alive"
  done

  mapfile -t env_lines < <(web_env)
  launch "$WEB" "${env_lines[@]}"
  wait_alive web "$CT_WEB_PORT" $((SECONDS + CT_START_TIMEOUT)) || { start_failed; }
  log "web is alive"

  mapfile -t env_lines < <(gateway_env)
  launch "$GATEWAY" "${env_lines[@]}"
  wait_alive gateway "$CT_GATEWAY_PORT" $((SECONDS + CT_START_TIMEOUT)) || { start_failed; }

  log "all up. Gateway: http://127.0.0.1:$CT_GATEWAY_PORT  (the workspace in a browser; the API with header X-Api-Key: <CT_ADMIN_KEY>)"
  log "logs: $LOG_DIR   state: $CT_STATE_DIR   stop with: $0 stop"
}

start_failed() {
  if [[ "${CT_KEEP_ON_FAILURE:-0}" == "1" ]]; then
    err "start failed; CT_KEEP_ON_FAILURE=1, leaving the started processes running"
  else
    err "start failed; stopping what was started (CT_KEEP_ON_FAILURE=1 keeps it)"
    do_stop || true
  fi
  exit 1
}

do_stop() {
  local name pid pids=()
  # The gateway first, then the services (together), then the broker.
  if pid="$(running_pid gateway)"; then
    log "stopping gateway (pid $pid)"
    kill_groups "$pid"
  fi
  rm -f "$(pid_file gateway)"
  for name in web actionplans tagging engagement notifications; do
    if pid="$(running_pid "$name")"; then
      log "stopping $name (pid $pid)"
      pids+=("$pid")
    fi
  done
  kill_groups "${pids[@]}"
  for name in web actionplans tagging engagement notifications; do rm -f "$(pid_file "$name")"; done
  broker_stop
  log "stopped"
}

do_status() {
  local spec name dir asm port cs_name pid alive health
  printf '%-14s %-8s %-7s %-6s %-6s %s\n' COMPONENT PID STATE ALIVE HEALTH URL
  if pid="$(running_pid broker)"; then
    local amqp="closed"
    port_open "$CT_RABBITMQ_PORT" && amqp="open"
    printf '%-14s %-8s %-7s %-6s %-6s %s\n' broker "$pid" running "-" "$amqp" "amqp://127.0.0.1:$CT_RABBITMQ_PORT ($CT_RABBITMQ_NODENAME)"
  else
    printf '%-14s %-8s %-7s %-6s %-6s %s\n' broker "-" stopped "-" "-" "amqp://127.0.0.1:$CT_RABBITMQ_PORT"
  fi
  for spec in "${SERVICES[@]}" "$WEB" "$GATEWAY"; do
    IFS='|' read -r name dir asm port cs_name <<<"$spec"
    if pid="$(running_pid "$name")"; then
      alive="$(http_status "http://127.0.0.1:$port/alive")"
      health="$(http_status "http://127.0.0.1:$port/health")"
      printf '%-14s %-8s %-7s %-6s %-6s %s\n' "$name" "$pid" running "$alive" "$health" "http://127.0.0.1:$port"
    else
      printf '%-14s %-8s %-7s %-6s %-6s %s\n' "$name" "-" stopped "-" "-" "http://127.0.0.1:$port"
    fi
  done
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
  for f in "$LOG_DIR"/*.log "$RMQ_DIR/log"/*.log; do
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
    broker-start) validate_settings; broker_start ;;
    broker-stop) broker_stop ;;
    broker-kill) broker_kill ;;
    logs) do_logs "$@" ;;
    -h | --help | help) usage ;;
    *) usage >&2; exit 64 ;;
  esac
}

main "$@"
