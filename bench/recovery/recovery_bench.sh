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

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
MESSAGES=1000000
PAYLOAD=100
TOPICS=10
RUNS=3
POLL_MS=5
SCENARIOS="log,queued"
BROKER="$ROOT/build/broker/brokerscope-broker"
MOSQUITTO=/usr/sbin/mosquitto
LOAD="$ROOT/build/bench/recovery/recovery_fill"
WORK=""
KEEP=0
usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; }
while [[ $# -gt 0 ]]; do
  case "$1" in
    --messages) MESSAGES="$2"; shift 2 ;;
    --payload-bytes) PAYLOAD="$2"; shift 2 ;;
    --topics) TOPICS="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    --poll-ms) POLL_MS="$2"; shift 2 ;;
    --scenarios) SCENARIOS="$2"; shift 2 ;;
    --broker) BROKER="$2"; shift 2 ;;
    --mosquitto) MOSQUITTO="$2"; shift 2 ;;
    --load) LOAD="$2"; shift 2 ;;
    --work) WORK="$2"; shift 2 ;;
    --keep) KEEP=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "recovery_bench: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
for tool in "$BROKER" "$MOSQUITTO" "$LOAD"; do
  [[ -x "$tool" ]] || { echo "recovery_bench: not executable: '$tool' (build with cmake --build build)" >&2; exit 2; }
done
for n in "$MESSAGES" "$PAYLOAD" "$TOPICS" "$RUNS" "$POLL_MS"; do
  [[ "$n" =~ ^[0-9]+$ && "$n" -gt 0 ]] || { echo "recovery_bench: '$n' is not a positive number" >&2; exit 2; }
done
(( PAYLOAD >= 8 )) || { echo "recovery_bench: --payload-bytes must be at least 8 (sequence number)" >&2; exit 2; }

if [[ -z "$WORK" ]]; then
  WORK="$(mktemp -d /tmp/recovery_bench.XXXXXX)"
else
  mkdir -p "$WORK"
fi
# Run copies: others may rebuild the tree while this runs (a relink mid-run fails the launch).
mkdir -p "$WORK/bin"
BROKER_ORIGIN="$BROKER"
cp "$BROKER" "$WORK/bin/brokerscope-broker" && BROKER="$WORK/bin/brokerscope-broker"
cp "$LOAD" "$WORK/bin/recovery_fill" && LOAD="$WORK/bin/recovery_fill"
CUR_PID=""
cleanup() {
  if [[ -n "$CUR_PID" ]] && kill -0 "$CUR_PID" 2>/dev/null; then
    kill -TERM "$CUR_PID" 2>/dev/null || true
    wait "$CUR_PID" 2>/dev/null || true
  fi
  if (( KEEP )); then echo "work directory kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

# A pipe nobody writes to: `read -t` on it sleeps without forking.
exec {NAP_FD}<> <(:)
nap() { read -r -t "$1" -u "$NAP_FD" _ 2>/dev/null || true; }
now_us() { local t="$EPOCHREALTIME"; echo "${t//[.,]/}"; }
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}
POLL_S="$(awk -v ms="$POLL_MS" 'BEGIN { printf "%.3f", ms / 1000 }')"
TIMEOUT_S=$(( 120 + MESSAGES / 2000 )) # start, fill, shutdown and drain limits

# wait_ready PORT PID T0_US TIMEOUT_S: polls until the port accepts; sets READY_US
# (-1 when the process died or the timeout passed).
wait_ready() {
  local port="$1" pid="$2" t0="$3" deadline=$(( $3 + $4 * 1000000 )) now
  READY_US=-1
  while :; do
    if { : 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null; then
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
}

# stop: SIGTERM, then waits for the exit (Mosquitto saves its database, ours compacts).
stop() {
  [[ -n "$CUR_PID" ]] || return 0
  local t0; t0="$(now_us)"
  kill -TERM "$CUR_PID" 2>/dev/null || true
  wait "$CUR_PID" 2>/dev/null || true
  STOP_MS=$(( ($(now_us) - t0) / 1000 ))
  CUR_PID=""
}

start_or_die() { # kind dir port log
  launch "$@"
  if ! wait_ready "$3" "$CUR_PID" "$T0" "$TIMEOUT_S"; then
    echo "recovery_bench: $1 did not start; its log:" >&2
    tail -20 "$4" >&2
    exit 1
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
median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.1f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
mb() { awk -v k="$1" 'BEGIN { if (k < 1024) printf "%d KB", k; else printf "%.1f MB", k / 1024 }'; }

# run_broker SCENARIO KIND: fill, stop, R timed restarts; sets RES_MS RES_RSS RES_DISK RES_VERIFIED
run_broker() {
  local scenario="$1" kind="$2" dir="$WORK/$1-$2" port out
  rm -rf "$dir"
  port="$(free_port)"
  write_configs "$dir" "$port"
  echo " [$kind] fill: $MESSAGES x $PAYLOAD B QoS 1 over $TOPICS topics (port $port)"
  start_or_die "$kind" "$dir" "$port" "$dir/fill.log"
  if [[ "$scenario" == queued ]]; then
    out="$("$LOAD" --port "$port" subscribe --client-id recovery-session --prefix recovery --expiry 86400 --timeout 30)" \
      || { echo "recovery_bench: subscribe failed: $out" >&2; exit 1; }
  fi
  out="$("$LOAD" --port "$port" publish --count "$MESSAGES" --topics "$TOPICS" --payload-bytes "$PAYLOAD" \
           --prefix recovery --window 1000 --timeout "$TIMEOUT_S")" \
    || { echo "recovery_bench: publish failed: $out" >&2; exit 1; }
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
      echo "recovery_bench: $kind did not come back; its log:" >&2; tail -20 "$log" >&2; exit 1
    fi
    ms="$(awk -v us="$READY_US" 'BEGIN { printf "%.1f", us / 1000 }')"
    times+=("$ms")
    rss_kb="$(awk '/^VmRSS:/ { print $2 }' "/proc/$CUR_PID/status")"
    hwm_kb="$(awk '/^VmHWM:/ { print $2 }' "/proc/$CUR_PID/status")"
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
  RES_MS="$(echo "${times[*]}" | median)"
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
  case "$scenario" in log|queued) ;; *) echo "recovery_bench: unknown scenario '$scenario'" >&2; exit 2 ;; esac
  echo "== $scenario"
  run_broker "$scenario" ours
  o_ms="$RES_MS"; o_rss="$RES_RSS"; o_disk="$RES_DISK"; o_ver="$RES_VERIFIED"
  run_broker "$scenario" mosquitto
  m_ms="$RES_MS"; m_rss="$RES_RSS"; m_disk="$RES_DISK"; m_ver="$RES_VERIFIED"
  [[ "$scenario" == log ]] && m_ms="$m_ms (keeps nothing)"
  ratio="$(awk -v a="$o_ms" -v b="${m_ms%% *}" 'BEGIN { if (b + 0 == 0) print "-"; else printf "%.2f", a / b }')"
  ROWS+=("$scenario|$o_ms|$m_ms|$ratio|$o_rss|$m_rss|$o_disk|$m_disk|ours $o_ver; mosq $m_ver")
  (( KEEP )) || rm -rf "$WORK/$scenario-ours/data" "$WORK/$scenario-mosquitto/data" # space
done

echo
echo "Start-up to accepting TCP connections, median of $RUNS restarts (warm page cache); N=$MESSAGES, ${PAYLOAD} B, $TOPICS topics."
echo "ratio = ours/mosquitto (<1: we start faster). RSS right after the port accepted."
fmt='%-8s | %10s | %28s | %6s | %10s | %13s | %10s | %14s | %s\n'
printf "$fmt" scenario "ours ms" "mosquitto ms" ratio "ours RSS" "mosquitto RSS" "ours disk" "mosquitto disk" verified
for row in "${ROWS[@]}"; do
  IFS='|' read -r a b c d e f g h i <<<"$row"
  printf "$fmt" "$a" "$b" "$c" "$d" "$e" "$f" "$g" "$h" "$i"
done
