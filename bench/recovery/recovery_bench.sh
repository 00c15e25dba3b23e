#!/usr/bin/env bash
# Start-up recovery benchmark: how long our broker (brokerscope-broker) and Mosquitto take
# from launching the process to accepting TCP connections, on a data directory holding N
# messages, measured side by side in the same run (see bench/recovery/README.md).
#
#   bench/recovery/recovery_bench.sh [--messages N] [--payload-bytes B] [--topics T]
#        [--runs R] [--broker PATH] [--mosquitto PATH] [--load PATH] [--poll-ms MS]
#        [--scenarios log,queued] [--work DIR] [--keep]
#
#   --messages N       messages in the data directory (default 1000000)
#   --payload-bytes B  payload size, at least 8 (default 100)
#   --topics T         topics the messages are spread over (default 10)
#   --runs R           timed restarts per broker and scenario; the median is reported (default 3)
#   --load PATH        the filling client, recovery_fill (default build/bench/recovery/recovery_fill;
#                      mqtt_load cannot publish a fixed count, it only runs for a duration)
#   --poll-ms MS       how often the port is tried while a broker starts (default 5)
#   --work DIR         where the data directories go (default a new /tmp/recovery_bench.XXXXXX)
#   --keep             keep the work directory (logs, configs and data directories)
#
# Scenarios:
#   log     N QoS 1 publishes over T topics, nobody subscribed. Ours keeps them in its
#           topic logs; Mosquitto has no log and keeps nothing (its restart is timed anyway).
#   queued  one persistent MQTT 5 session (clean start 0, session expiry 1 day, QoS 1
#           subscription to <prefix>/#) is disconnected, then N QoS 1 messages are
#           published, so both brokers hold N queued messages for it. After the last timed
#           restart the session reconnects and must receive all N distinct messages.
# Each filled broker is stopped with SIGTERM (Mosquitto writes mosquitto.db then), then
# restarted R times; every restart is timed with a fine-grained connect poll (bash
# /dev/tcp, no forks), and its VmRSS is read once the port accepts. Page cache is warm
# (the data was just written). Brokers run one at a time, on free 127.0.0.1 ports, and
# only processes this script started are signalled, by PID.
set -euo pipefail

# shellcheck source=SCRIPTDIR/../scripts/lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/../scripts" && pwd)/lib.sh"
ROOT="$BENCH_ROOT"
MESSAGES=1000000
PAYLOAD=100
TOPICS=10
RUNS=3
POLL_MS=5
SCENARIOS="log,queued"
LOAD="$(bench_find_tool bench/recovery/recovery_fill)"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --messages) bench_optarg MESSAGES "$@"; shift 2 ;;
    --payload-bytes) bench_optarg PAYLOAD "$@"; shift 2 ;;
    --topics) bench_optarg TOPICS "$@"; shift 2 ;;
    --runs) bench_optarg RUNS "$@"; shift 2 ;;
    --poll-ms) bench_optarg POLL_MS "$@"; shift 2 ;;
    --scenarios) bench_optarg SCENARIOS "$@"; shift 2 ;;
    --broker) bench_optarg BENCH_BROKER "$@"; shift 2 ;;
    --mosquitto) bench_optarg BENCH_MOSQUITTO "$@"; shift 2 ;;
    --load) bench_optarg LOAD "$@"; shift 2 ;;
    --work) bench_optarg BENCH_WORK "$@"; shift 2 ;;
    --keep) BENCH_KEEP=1; shift ;;
    -h|--help) bench_usage; exit 0 ;;
    *) bench_bad_option "$1" ;;
  esac
done
bench_require_exec "$BENCH_BROKER" "$BENCH_MOSQUITTO" "$LOAD"
bench_require_positive "$MESSAGES" "$PAYLOAD" "$TOPICS" "$RUNS" "$POLL_MS"
(( PAYLOAD >= 8 )) || bench_die "--payload-bytes must be at least 8 (sequence number)" 2

bench_init # the EXIT trap stops the broker running (by PID) and removes WORK unless --keep
WORK="$BENCH_WORK"
MOSQUITTO="$BENCH_MOSQUITTO"
# Run copies: others may rebuild the tree while this runs (a relink mid-run fails the launch).
mkdir -p "$WORK/bin"
BROKER_ORIGIN="$BENCH_BROKER"
cp "$BENCH_BROKER" "$WORK/bin/brokerscope-broker" && BROKER="$WORK/bin/brokerscope-broker"
cp "$LOAD" "$WORK/bin/recovery_fill" && LOAD="$WORK/bin/recovery_fill"
CUR_PID=""

# A pipe nobody writes to: `read -t` on it sleeps without forking.
exec {NAP_FD}<> <(:)
nap() { read -r -t "$1" -u "$NAP_FD" _ 2>/dev/null || true; }
now_us() { local t="$EPOCHREALTIME"; echo "${t//[.,]/}"; }
POLL_S="$(awk -v ms="$POLL_MS" 'BEGIN { printf "%.3f", ms / 1000 }')"
TIMEOUT_S=$(( 120 + MESSAGES / 2000 )) # start, fill, shutdown and drain limits

# wait_ready PORT PID T0_US TIMEOUT_S: polls until the port accepts; sets READY_US
# (-1 when the process died or the timeout passed). This is the measurement, so it polls
# every --poll-ms without forking (bench_wait_for_port polls every 50 ms).
wait_ready() {
  local port="$1" pid="$2" t0="$3" deadline=$(( $3 + $4 * 1000000 )) now
  READY_US=-1
  while :; do
    if bench_port_open "$port"; then
      now="${EPOCHREALTIME//[.,]/}"
      READY_US=$(( now - t0 ))
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || return 1
    now="${EPOCHREALTIME//[.,]/}"
    (( now < deadline )) || return 1
    nap "$POLL_S"
  done
}

# launch KIND DIR PORT LOG: starts one broker in the background (CUR_PID), T0 = launch time.
launch() {
  local kind="$1" dir="$2" port="$3" log="$4"
  T0="${EPOCHREALTIME//[.,]/}"
  if [[ "$kind" == ours ]]; then
    QT_MESSAGE_PATTERN='[%{time yyyy-MM-dd HH:mm:ss.zzz}] %{category}: %{message}' \
      "$BROKER" --port "$port" --data-dir "$dir/data" --config "$dir/ours.conf" >"$log" 2>&1 &
  else
    "$MOSQUITTO" -c "$dir/mosquitto.conf" >"$log" 2>&1 &
  fi
  CUR_PID=$!
  bench_register "$CUR_PID"
}

# stop: SIGTERM, then waits for the exit (Mosquitto saves its database, ours compacts).
stop() {
  [[ -n "$CUR_PID" ]] || return 0
  local t0; t0="$(now_us)"
  bench_stop "$CUR_PID" TERM
  STOP_MS=$(( ($(now_us) - t0) / 1000 ))
  CUR_PID=""
}

start_or_die() { # kind dir port log
  launch "$@"
  if ! wait_ready "$3" "$CUR_PID" "$T0" "$TIMEOUT_S"; then
    bench_die_with_log "$1 did not start; its log:" "$4"
  fi
}

write_configs() { # dir port
  local dir="$1" port="$2" queue=$(( MESSAGES > 1000 ? MESSAGES : 1000 ))
  mkdir -p "$dir/data"
  cat >"$dir/ours.conf" <<CONF
# receive maximum 1000 so the filler can keep 1000 QoS 1 publishes in flight, like Mosquitto
receive_maximum 1000
max_inflight_messages 1000
max_queued_messages $queue
sys_interval 0
# no total size limit: every message must still be there after the restart
retention_bytes 0
CONF
  {
    echo "listener $port 127.0.0.1"
    echo "allow_anonymous true"
    if (( EUID == 0 )); then
      echo "# as root it would switch to user mosquitto, who cannot write here"
      echo "user root"
    fi
    echo "persistence true"
    echo "persistence_location $dir/data/"
    echo "autosave_interval 86400"
    echo "max_queued_messages 0"
    echo "max_inflight_messages 1000"
  } >"$dir/mosquitto.conf"
}

field() { # line key
  tr ' ' '\n' <<<"$1" | sed -n "s/^$2=//p"
}
log_epoch_ms() { # log pattern -> epoch ms of the first matching ours log line, or empty
  local stamp
  stamp="$(grep -m1 "$2" "$1" | sed -n 's/^\[\([^]]*\)\].*/\1/p')"
  [[ -n "$stamp" ]] && date -d "$stamp" +%s%3N
}
mb() { awk -v k="$1" 'BEGIN { if (k < 1024) printf "%d KB", k; else printf "%.1f MB", k / 1024 }'; }

# run_broker SCENARIO KIND: fill, stop, R timed restarts; sets RES_MS RES_RSS RES_DISK RES_VERIFIED
run_broker() {
  local scenario="$1" kind="$2" dir="$WORK/$1-$2" port out
  rm -rf "$dir"
  port="$(bench_free_port)"
  write_configs "$dir" "$port"
  echo " [$kind] fill: $MESSAGES x $PAYLOAD B QoS 1 over $TOPICS topics (port $port)"
  start_or_die "$kind" "$dir" "$port" "$dir/fill.log"
  if [[ "$scenario" == queued ]]; then
    out="$("$LOAD" --port "$port" subscribe --client-id recovery-session --prefix recovery --expiry 86400 --timeout 30)" \
      || bench_die "subscribe failed: $out"
  fi
  out="$("$LOAD" --port "$port" publish --count "$MESSAGES" --topics "$TOPICS" --payload-bytes "$PAYLOAD" \
           --prefix recovery --window 1000 --timeout "$TIMEOUT_S")" \
    || bench_die "publish failed: $out"
  echo "   published: acked $(field "$out" acked)/$MESSAGES, refused $(field "$out" refused), $(field "$out" rate) msg/s"
  stop
  echo "   stopped with SIGTERM in $STOP_MS ms"
  local disk_kb; disk_kb="$(du -sk "$dir/data" | cut -f1)"
  RES_DISK="$(mb "$disk_kb")"
  echo "   data directory: $RES_DISK ($(cd "$dir/data" && find . -type f | wc -l) files)"

  local times=() rss_kb="" hwm_kb="" verified="-" run log ms
  for ((run = 1; run <= RUNS; run++)); do
    log="$dir/restart$run.log"
    launch "$kind" "$dir" "$port" "$log"
    if ! wait_ready "$port" "$CUR_PID" "$T0" "$TIMEOUT_S"; then
      bench_die_with_log "$kind did not come back; its log:" "$log"
    fi
    ms="$(awk -v us="$READY_US" 'BEGIN { printf "%.1f", us / 1000 }')"
    times+=("$ms")
    rss_kb="$(bench_proc_status_kb "$CUR_PID" VmRSS)"
    hwm_kb="$(bench_proc_status_kb "$CUR_PID" VmHWM)"
    local detail=""
    if [[ "$kind" == ours ]]; then
      local t0_ms=$(( T0 / 1000 )) rec_line rec_at res_at
      rec_line="$(grep -m1 'brokerscope.storage: recovered' "$log" | sed 's/^\[[^]]*\] //' || true)"
      rec_at="$(log_epoch_ms "$log" 'brokerscope.storage: recovered' || true)"
      res_at="$(log_epoch_ms "$log" 'brokerscope.storage: restored' || true)"
      detail="; engine: '$(sed 's/^brokerscope.storage: //; s/ from [^ ]* in / in /' <<<"$rec_line")'"
      [[ -n "$rec_at" && -n "$res_at" ]] && detail+="; log lines at +$(( rec_at - t0_ms )) ms (recovered), +$(( res_at - t0_ms )) ms (restored)"
      [[ "$scenario" == queued ]] && detail+="; $(grep -m1 -o 'restored [0-9]* sessions.*messages,' "$log" | sed 's/,$//')"
    fi
    echo "   restart $run: accepting after $ms ms, RSS $(mb "$rss_kb") (peak $(mb "$hwm_kb"))$detail"
    if (( run == RUNS )); then
      if [[ "$scenario" == queued ]]; then
        out="$("$LOAD" --port "$port" drain --client-id recovery-session --expect "$MESSAGES" \
                 --expiry 86400 --timeout "$TIMEOUT_S" --idle 30)" || true
        echo "   drain: ${out#RESULT mode=drain }"
        local distinct; distinct="$(field "$out" distinct)"
        verified="${distinct:-0}/$MESSAGES recv, 1st after $(field "$out" first_ms) ms"
        [[ "$(field "$out" all_ms)" != "-" && -n "$(field "$out" all_ms)" ]] \
          && verified+=", all in $(awk -v ms="$(field "$out" all_ms)" 'BEGIN { printf "%.1f", ms / 1000 }') s"
        [[ "$(field "$out" duplicates)" != 0 ]] && verified+=" dup=$(field "$out" duplicates)"
      elif [[ "$kind" == ours ]]; then
        local n; n="$(grep -m1 -o 'recovered [0-9]* messages' "$log" | grep -o '[0-9]*' || echo 0)"
        verified="$n/$MESSAGES in logs"
      else
        verified="(keeps nothing)"
      fi
    fi
    stop
  done
  RES_MS="$(bench_median "${times[@]}")"
  RES_RSS="$(mb "$rss_kb")"
  RES_VERIFIED="$verified"
  echo "   restarts: ${times[*]} ms -> median $RES_MS ms"
}

echo "recovery_bench: $MESSAGES messages, $PAYLOAD B payload, $TOPICS topics, $RUNS timed restarts each, poll ${POLL_MS} ms"
BUILT="built $(date -r "$BROKER_ORIGIN" '+%F %T')"
[[ "$(realpath "$BROKER_ORIGIN")" == "$ROOT"/* ]] \
  && BUILT+="; tree $(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo '?')"
echo "ours: $BROKER_ORIGIN ($BUILT)"
echo "mosquitto: $MOSQUITTO ($("$MOSQUITTO" -h 2>/dev/null | head -1 || true))"
echo "work: $WORK"
declare -a ROWS=()
IFS=',' read -r -a SCENARIO_LIST <<<"$SCENARIOS"
for scenario in "${SCENARIO_LIST[@]}"; do
  case "$scenario" in log|queued) ;; *) bench_die "unknown scenario '$scenario'" 2 ;; esac
  echo "== $scenario"
  run_broker "$scenario" ours
  o_ms="$RES_MS"; o_rss="$RES_RSS"; o_disk="$RES_DISK"; o_ver="$RES_VERIFIED"
  run_broker "$scenario" mosquitto
  m_ms="$RES_MS"; m_rss="$RES_RSS"; m_disk="$RES_DISK"; m_ver="$RES_VERIFIED"
  [[ "$scenario" == log ]] && m_ms="$m_ms (keeps nothing)"
  ratio="$(awk -v a="$o_ms" -v b="${m_ms%% *}" 'BEGIN { if (b + 0 == 0) print "-"; else printf "%.2f", a / b }')"
  ROWS+=("$scenario|$o_ms|$m_ms|$ratio|$o_rss|$m_rss|$o_disk|$m_disk|ours $o_ver; mosq $m_ver")
  (( BENCH_KEEP )) || rm -rf "$WORK/$scenario-ours/data" "$WORK/$scenario-mosquitto/data" # space
done

echo
echo "Start-up to accepting TCP connections, median of $RUNS restarts (warm page cache); N=$MESSAGES, ${PAYLOAD} B, $TOPICS topics."
echo "ratio = ours/mosquitto (<1: we start faster). RSS right after the port accepted."
table_row() { printf '%-8s | %10s | %28s | %6s | %10s | %13s | %10s | %14s | %s\n' "$@"; }
table_row scenario "ours ms" "mosquitto ms" ratio "ours RSS" "mosquitto RSS" "ours disk" "mosquitto disk" verified
for row in "${ROWS[@]}"; do
  IFS='|' read -r a b c d e f g h i <<<"$row"
  table_row "$a" "$b" "$c" "$d" "$e" "$f" "$g" "$h" "$i"
done
