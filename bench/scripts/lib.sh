# shellcheck shell=bash
# bench/scripts/lib.sh: the boilerplate the bench shell scripts share. Source it, do not run it:
#
#   source "$(cd "$(dirname "${BASH_SOURCE[0]}")/../scripts" && pwd)/lib.sh"
#
# Design:
# - Every process a script starts is registered (bench_register, done by bench_start_*);
#   bench_cleanup, the EXIT trap installed by bench_init, signals only those PIDs, never a
#   process found by name, so other brokers on the machine are left alone. bench_stop stops
#   one and unregisters it after `wait` reaped it, so a PID is never signalled after it
#   could have been reused.
# - Brokers listen on loopback only: ours with --port 0 (the port is read from its
#   "brokerscope-broker: listening on 127.0.0.1:PORT" line, no race), Mosquitto on a port
#   that was free a moment before it starts.
# - Functions that start processes or set variables (bench_start_*, bench_optarg,
#   bench_register, bench_stop, bench_init) must run in the script's own shell, not in
#   $( ): they return results through the variable names they are given (printf -v).
# - Failures print "<script name>: <message>" on stderr and exit (the EXIT trap cleans up);
#   usage errors exit 2, everything else 1. Everything works under set -euo pipefail.
#
# Globals a script may set (defaults below):
#   BENCH_NAME            prefix of messages (default: the script's file name without .sh)
#   BENCH_BROKER          our broker binary; BENCH_MOSQUITTO the Mosquitto binary
#   BENCH_BROKER_PREFIX   array of words put before either broker's command line, e.g.
#                         (taskset -c 0) to pin both brokers to CPU 0
#   BENCH_KEEP            1: bench_cleanup keeps the work directory
#   BENCH_WORK            the work directory; bench_init creates one in /tmp if it is empty

BENCH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BENCH_NAME="$(basename "$0" .sh)"
BENCH_BROKER="$BENCH_ROOT/build/broker/brokerscope-broker"
BENCH_MOSQUITTO=/usr/sbin/mosquitto
BENCH_BROKER_PREFIX=()
BENCH_KEEP=0
BENCH_WORK=""
BENCH_PIDS=()

# --- messages and options ---------------------------------------------------------------

# bench_die MESSAGE [STATUS]: "NAME: MESSAGE" on stderr, exit STATUS (default 1).
bench_die() {
  echo "$BENCH_NAME: $1" >&2
  exit "${2:-1}"
}

# bench_die_with_log MESSAGE LOG: bench_die, after the last lines of LOG.
bench_die_with_log() {
  echo "$BENCH_NAME: $1" >&2
  if [[ -f "$2" ]]; then tail -n 40 "$2" >&2; fi
  exit 1
}

# bench_usage: prints the script's header comment (line 2 up to the first line that is not
# a comment), without the leading "# ".
bench_usage() {
  awk 'NR == 1 { next } /^#/ { sub(/^# ?/, ""); print; next } { exit }' "$0"
}

# bench_optarg VAR OPTION [VALUE ...]: VAR=VALUE, or a usage error when OPTION has no value.
# In a `while [[ $# -gt 0 ]]; do case "$1" in` loop:
#   --duration) bench_optarg DURATION "$@"; shift 2 ;;
bench_optarg() {
  (( $# >= 3 )) || bench_die "option $2 needs a value (see --help)" 2
  printf -v "$1" '%s' "$3"
}

# bench_bad_option OPTION: the usage error for an unknown option.
bench_bad_option() {
  bench_die "unknown option $1 (see --help)" 2
}

# bench_require_positive VALUE...: each VALUE must be a positive integer (usage error if not).
bench_require_positive() {
  local value
  for value in "$@"; do
    [[ "$value" =~ ^[0-9]+$ && "$value" -gt 0 ]] || bench_die "'$value' is not a positive number" 2
  done
}

# --- tools ------------------------------------------------------------------------------

# bench_find_tool REL [BUILD_DIR...]: prints the first executable $BENCH_ROOT/BUILD_DIR/REL
# (build directories tried in order, default: build); if none is, the path in the last one,
# so that bench_require_exec names the expected place.
bench_find_tool() {
  local rel="$1" dir candidate=""
  shift
  (( $# > 0 )) || set -- build
  for dir in "$@"; do
    candidate="$BENCH_ROOT/$dir/$rel"
    [[ -x "$candidate" ]] && break
  done
  echo "$candidate"
}

# bench_require_exec PATH...: usage error (2) unless every PATH is an executable file.
bench_require_exec() {
  local tool
  for tool in "$@"; do
    [[ -n "$tool" && -x "$tool" && ! -d "$tool" ]] \
      || bench_die "not executable: '$tool' (build with cmake --build build)" 2
  done
}

# --- work directory, PID registry, clean-up ---------------------------------------------

# bench_init: creates the work directory BENCH_WORK (the directory BENCH_WORK already names,
# or a new /tmp/NAME.XXXXXX) and installs bench_cleanup as the EXIT trap (INT and TERM exit
# through it).
bench_init() {
  if [[ -n "$BENCH_WORK" ]]; then
    mkdir -p "$BENCH_WORK"
  else
    BENCH_WORK="$(mktemp -d "/tmp/$BENCH_NAME.XXXXXX")"
  fi
  trap bench_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
}

# bench_register PID: bench_cleanup will stop PID.
bench_register() {
  BENCH_PIDS+=("$1")
}

# bench_unregister PID
bench_unregister() {
  local pid kept=()
  for pid in "${BENCH_PIDS[@]}"; do
    [[ "$pid" == "$1" ]] || kept+=("$pid")
  done
  BENCH_PIDS=("${kept[@]}")
}

# bench_stop PID [SIGNAL]: signals a registered child (default TERM), waits for its exit and
# unregisters it. Returns 0 whatever the exit status was.
bench_stop() {
  local pid="$1" signal="${2:-TERM}"
  [[ -n "$pid" ]] || return 0
  kill -s "$signal" "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  bench_unregister "$pid"
}

# bench_cleanup: the EXIT trap. SIGTERM to every registered PID still alive, SIGKILL to any
# that is still there after 30 s, then removes BENCH_WORK (unless BENCH_KEEP=1).
bench_cleanup() {
  local pid alive=() tries
  for pid in "${BENCH_PIDS[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      alive+=("$pid")
    fi
  done
  for pid in "${alive[@]}"; do
    for ((tries = 0; tries < 300; tries++)); do
      bench_exited "$pid" && break
      sleep 0.1
    done
    bench_exited "$pid" || kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  BENCH_PIDS=()
  if [[ -n "$BENCH_WORK" ]]; then
    if (( BENCH_KEEP )); then echo "work directory kept: $BENCH_WORK"; else rm -rf "$BENCH_WORK"; fi
  fi
  return 0
}

# --- ports and brokers ------------------------------------------------------------------

# bench_free_port: prints a TCP port that is free on 127.0.0.1 right now.
bench_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# bench_port_open PORT: true when 127.0.0.1:PORT accepts a connection (no fork).
bench_port_open() {
  { : 3<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null
}

# bench_wait_for_port PORT [PID] [SECONDS]: waits until the port accepts (polled every
# 50 ms, default 5 s); fails at once when PID is given and has exited.
bench_wait_for_port() {
  local port="$1" pid="${2:-}" tries=$(( ${3:-5} * 20 )) i
  for ((i = 0; i < tries; i++)); do
    bench_port_open "$port" && return 0
    [[ -z "$pid" ]] || kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.05
  done
  return 1
}

# bench_start_ours VAR_PID VAR_PORT CONF DATADIR LOG [BROKER ARGS...]: starts
# BENCH_BROKER_PREFIX BENCH_BROKER --port 0 --config CONF --data-dir DATADIR (an empty CONF
# or DATADIR leaves the option out) with stdout and stderr in LOG, registers it, waits up
# to 10 s for its "listening on 127.0.0.1:PORT" line and sets VAR_PID and VAR_PORT. Exits
# with the log when it does not start.
bench_start_ours() {
  local _pid_var="$1" _port_var="$2" _conf="$3" _data="$4" _log="$5" _pid _port="" _i
  shift 5
  local _args=(--port 0)
  if [[ -n "$_conf" ]]; then _args+=(--config "$_conf"); fi
  if [[ -n "$_data" ]]; then _args+=(--data-dir "$_data"); fi
  "${BENCH_BROKER_PREFIX[@]}" "$BENCH_BROKER" "${_args[@]}" "$@" >"$_log" 2>&1 &
  _pid=$!
  bench_register "$_pid"
  for ((_i = 0; _i < 200; _i++)); do
    _port="$(sed -n 's/^brokerscope-broker: listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$_log")"
    [[ -n "$_port" ]] && break
    kill -0 "$_pid" 2>/dev/null || break
    sleep 0.05
  done
  [[ -n "$_port" ]] || bench_die_with_log "our broker ($BENCH_BROKER) did not start; its log:" "$_log"
  printf -v "$_pid_var" '%s' "$_pid"
  printf -v "$_port_var" '%s' "$_port"
}

# bench_start_mosquitto VAR_PID VAR_PORT CONF LOG [CONFIG LINE...]: writes CONF (a listener
# on a free 127.0.0.1 port, allow_anonymous true, then each CONFIG LINE), starts
# BENCH_BROKER_PREFIX BENCH_MOSQUITTO -c CONF with its output in LOG, registers it, waits
# up to 5 s for the port and sets VAR_PID and VAR_PORT. Exits with the log when it does
# not start.
bench_start_mosquitto() {
  local _pid_var="$1" _port_var="$2" _conf="$3" _log="$4" _pid _port
  shift 4
  _port="$(bench_free_port)"
  {
    echo "listener $_port 127.0.0.1"
    echo "allow_anonymous true"
    (( $# == 0 )) || printf '%s\n' "$@"
  } >"$_conf"
  "${BENCH_BROKER_PREFIX[@]}" "$BENCH_MOSQUITTO" -c "$_conf" >"$_log" 2>&1 &
  _pid=$!
  bench_register "$_pid"
  bench_wait_for_port "$_port" "$_pid" 5 \
    || bench_die_with_log "mosquitto ($BENCH_MOSQUITTO) did not start; its log:" "$_log"
  printf -v "$_pid_var" '%s' "$_pid"
  printf -v "$_port_var" '%s' "$_port"
}

# --- /proc and numbers ------------------------------------------------------------------

# bench_exited PID: true when PID is gone or has exited (a zombie not reaped yet, which still
# answers kill -0). No fork, so it is safe in the EXIT trap.
bench_exited() {
  local stat
  { read -r stat <"/proc/$1/stat"; } 2>/dev/null || return 0
  stat="${stat##*) }"
  [[ "${stat:0:1}" == [ZX] ]]
}

# bench_proc_status_kb PID FIELD: a kB figure of /proc/PID/status (VmRSS, VmHWM, ...).
bench_proc_status_kb() {
  awk -v f="$2:" '$1 == f { print $2 }' "/proc/$1/status"
}

# bench_cpu_ticks PID: utime + stime of PID (all its threads) in clock ticks
# (getconf CLK_TCK per second), from /proc/PID/stat; "-" when it cannot be read.
bench_cpu_ticks() {
  local stat fields
  { read -r stat <"/proc/$1/stat"; } 2>/dev/null || { echo "-"; return 0; }
  # the command name (field 2) may hold spaces: split after its closing parenthesis,
  # where field 3 (state) starts, so utime (14) and stime (15) are the 12th and 13th
  read -r -a fields <<<"${stat##*) }"
  echo $(( fields[11] + fields[12] ))
}

# bench_cpus: the CPUs this shell may run on (Cpus_allowed_list expanded), e.g. "0 1".
bench_cpus() {
  local list part parts from to cpus=()
  list="$(awk '/^Cpus_allowed_list:/ { print $2 }' /proc/self/status)"
  IFS=',' read -r -a parts <<<"$list"
  for part in "${parts[@]}"; do
    from="${part%-*}"; to="${part#*-}"
    for ((; from <= to; from++)); do cpus+=("$from"); done
  done
  echo "${cpus[*]}"
}

# bench_median [-f FORMAT] VALUE...: the median of the numeric VALUEs ("-" and empty ones
# skipped): the middle value as given, or the mean of the two middle ones printed with
# FORMAT (default %.1f); "-" when there is none.
bench_median() {
  local format="%.1f" value values=()
  if [[ "${1:-}" == -f ]]; then format="$2"; shift 2; fi
  for value in "$@"; do
    [[ -n "$value" && "$value" != "-" ]] && values+=("$value")
  done
  (( ${#values[@]} > 0 )) || { echo "-"; return 0; }
  printf '%s\n' "${values[@]}" | sort -g | awk -v f="$format" '{ v[NR] = $1 }
    END { if (NR % 2) print v[(NR + 1) / 2]; else printf f "\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
