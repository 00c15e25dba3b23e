#!/usr/bin/env bash
# Runs the same mqtt_load scenarios against our broker (brokerscope-broker) and Mosquitto in
# the same run and prints side-by-side tables with ratios (ours/mosquitto), and whether the
# issue's targets are met: throughput at least Mosquitto's in every scenario, and p99 no
# worse than Mosquitto's at half of Mosquitto's peak rate.
#
#   bench/scripts/compare_brokers.sh [--duration S] [--payload-bytes B] [--rate R]
#        [--repeat N] [--pin | --no-pin] [--shared-qos Q]
#        [--broker PATH] [--mosquitto PATH] [--load PATH]
#
#   --duration S       publishing time of each mqtt_load run (default 10)
#   --payload-bytes B  payload size (default 1024)
#   --rate R           messages/s per publisher in the peak phase; 0 = window-bound (default)
#   --repeat N         runs per scenario and broker (default 3). The brokers alternate:
#                      ours, mosquitto, ours, mosquitto... (mosquitto first in every other
#                      scenario); the tables show the median of the N runs, the log each run.
#   --pin, --no-pin    pin both brokers to the first CPU and mqtt_load to the others
#                      (taskset), so that a broker never shares a core with the load
#                      generator (default: pin when there are at least 2 CPUs)
#   --shared-qos Q     QoS of the shared-subscription scenario (default 1)
#   --broker, --mosquitto, --load  the programs (defaults: build/broker/brokerscope-broker,
#                      /usr/sbin/mosquitto, build-load/ or build/bench/mqtt_load/mqtt_load)
#
# Each scenario first runs window-bound (peak throughput), then at a fixed rate of half the
# median Mosquitto peak (latency). Besides throughput and latency, every run records each
# broker's CPU time (utime+stime of all its threads, /proc/PID/stat) per delivered message:
# us/msg, the figure least disturbed by a noisy machine. Both brokers listen on loopback
# ports and only the processes this script started are stopped, by PID, at exit.
set -euo pipefail

# shellcheck source=SCRIPTDIR/../scripts/lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"
DURATION=10
PAYLOAD=1024
RATE=0
REPEAT=3
PIN=auto
SHARED_QOS=1
LOAD=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --duration) bench_optarg DURATION "$@"; shift 2 ;;
    --payload-bytes) bench_optarg PAYLOAD "$@"; shift 2 ;;
    --rate) bench_optarg RATE "$@"; shift 2 ;;
    --repeat) bench_optarg REPEAT "$@"; shift 2 ;;
    --pin) PIN=yes; shift ;;
    --no-pin) PIN=no; shift ;;
    --shared-qos) bench_optarg SHARED_QOS "$@"; shift 2 ;;
    --broker) bench_optarg BENCH_BROKER "$@"; shift 2 ;;
    --mosquitto) bench_optarg BENCH_MOSQUITTO "$@"; shift 2 ;;
    --load) bench_optarg LOAD "$@"; shift 2 ;;
    -h|--help) bench_usage; exit 0 ;;
    *) bench_bad_option "$1" ;;
  esac
done
bench_require_positive "$DURATION" "$REPEAT"
[[ -n "$LOAD" ]] || LOAD="$(bench_find_tool bench/mqtt_load/mqtt_load build-load build)"
bench_require_exec "$BENCH_BROKER" "$BENCH_MOSQUITTO" "$LOAD"
CLK_TCK="$(getconf CLK_TCK)"

# --- CPU pinning: brokers on the first allowed CPU, mqtt_load on the rest -----------------
read -r -a CPUS <<<"$(bench_cpus)"
NO_PIN_WHY="--no-pin"
if [[ "$PIN" == auto ]]; then
  PIN=no
  if (( ${#CPUS[@]} < 2 )); then
    NO_PIN_WHY="fewer than 2 CPUs"
  elif ! command -v taskset >/dev/null; then
    NO_PIN_WHY="taskset not found"
  else
    PIN=yes
  fi
elif [[ "$PIN" == yes ]]; then
  (( ${#CPUS[@]} >= 2 )) || bench_die "--pin needs at least 2 CPUs (this shell may use ${#CPUS[@]})" 2
  command -v taskset >/dev/null || bench_die "--pin needs taskset" 2
fi
LOAD_CMD=("$LOAD")
if [[ "$PIN" == yes ]]; then
  BROKER_CPUS="${CPUS[0]}"
  LOAD_CPUS="$(IFS=,; echo "${CPUS[*]:1}")"
  BENCH_BROKER_PREFIX=(taskset -c "$BROKER_CPUS")
  LOAD_CMD=(taskset -c "$LOAD_CPUS" "$LOAD")
fi

bench_init
WORK="$BENCH_WORK"

# --- our broker: --port 0, read the port it reports; same queue limits as Mosquitto -------
cat >"$WORK/ours.conf" <<CONF
max_inflight_messages 100
max_queued_messages 100000
CONF
bench_start_ours OUR_PID OUR_PORT "$WORK/ours.conf" "$WORK/ours-data" "$WORK/ours.log"

# --- Mosquitto on a free port --------------------------------------------------------------
bench_start_mosquitto MOSQ_PID MOSQ_PORT "$WORK/mosquitto.conf" "$WORK/mosquitto.log" \
  "max_inflight_messages 100" "max_queued_messages 100000" "persistence false"

echo "both brokers: max_inflight_messages 100, max_queued_messages 100000"
echo "ours is durable: every message goes to its topic log, fsync $(grep -o 'fsync [a-z]*' "$WORK/ours.log" | head -1 | cut -d' ' -f2) (default policy); mosquitto: persistence false"
echo "ours: brokerscope-broker pid $OUR_PID port $OUR_PORT; mosquitto pid $MOSQ_PID port $MOSQ_PORT"
echo "duration ${DURATION}s, payload ${PAYLOAD} B, rate ${RATE}/s per publisher (0 = window-bound)"
echo "repeat $REPEAT: each scenario runs $REPEAT times per broker, alternating (ours, mosquitto, ours, ...; mosquitto first in every other scenario); tables show medians"
if [[ "$PIN" == yes ]]; then
  echo "pinned: both brokers on CPU $BROKER_CPUS (taskset -c $BROKER_CPUS), mqtt_load on CPU $LOAD_CPUS (taskset -c $LOAD_CPUS)."
  echo "  Mosquitto is single-threaded; ours has one broker thread plus a background fsync thread, both"
  echo "  on that same CPU set, so each broker gets exactly one core and never shares it with the load."
else
  echo "not pinned ($NO_PIN_WHY): brokers and mqtt_load share all ${#CPUS[@]} CPU(s)"
fi
echo "us/msg: broker CPU time (utime+stime of all threads, /proc/PID/stat, CLK_TCK $CLK_TCK) per delivered message"

# name|publishers|subscribers|qos|shared group
SCENARIOS=(
  "fan-in 8->1 qos0|8|1|0|"
  "fan-in 8->1 qos1|8|1|1|"
  "fan-out 1->8 qos0|1|8|0|"
  "fan-out 1->8 qos1|1|8|1|"
  "shared 4->4 qos$SHARED_QOS|4|4|$SHARED_QOS|bench"
)

field() { # file key
  [[ -s "$1" ]] || { echo "-"; return; }
  tr ' ' '\n' <"$1" | sed -n "s/^$2=//p"
}

# run_one BROKER IDX PUBS SUBS QOS GROUP RATE TAG REP: one mqtt_load run; its figures go to
# $WORK/BROKER.IDX TAG.REP.result (the RESULT line) and .cpu (broker us per delivered message).
run_one() {
  local broker="$1" idx="$2" pubs="$3" subs="$4" qos="$5" group="$6" rate="$7" tag="$8" rep="$9"
  local port=$OUR_PORT pid=$OUR_PID
  if [[ "$broker" == mosquitto ]]; then port=$MOSQ_PORT; pid=$MOSQ_PID; fi
  local args=(--port "$port" --publishers "$pubs" --subscribers "$subs" --qos "$qos"
              --payload-bytes "$PAYLOAD" --duration "$DURATION" --rate "$rate"
              --topic-prefix "bench/$broker/s$idx${tag}r$rep" --label "$broker")
  if [[ -n "$group" ]]; then args+=(--shared "$group"); fi
  local base="$WORK/$broker.$idx$tag.$rep"
  local out="$base.out" before after received
  echo " [$broker] run $rep/$REPEAT"
  # Write back what earlier runs left dirty (our logs) so it does not stall this run.
  sync
  before="$(bench_cpu_ticks "$pid")"
  if ! "${LOAD_CMD[@]}" "${args[@]}" >"$out" 2>&1; then
    echo "  $broker: mqtt_load failed:" >&2; sed 's/^/    /' "$out" >&2
  fi
  after="$(bench_cpu_ticks "$pid")"
  sed 's/^/  /' "$out" | grep -v RESULT || true
  grep '^RESULT' "$out" | tail -1 >"$base.result" || true
  received="$(field "$base.result" received)"
  local cpu
  cpu="$(awk -v b="$before" -v a="$after" -v n="${received:--}" -v hz="$CLK_TCK" 'BEGIN {
           if (b == "-" || a == "-" || n == "-" || n + 0 == 0) print "-"
           else printf "%.2f %.2f", (a - b) / hz, (a - b) / hz * 1e6 / n }')"
  if [[ "$cpu" == "-" ]]; then
    echo "-" >"$base.cpu"
  else
    echo "    cpu         $broker ${cpu% *} s (utime+stime): ${cpu#* } us per delivered message"
    echo "${cpu#* }" >"$base.cpu"
  fi
}

# run_scenario IDX RATE TAG: REPEAT runs of scenario IDX per broker, alternating.
run_scenario() {
  local i="$1" rate="$2" tag="$3" name pubs subs qos group rep broker order
  IFS='|' read -r name pubs subs qos group <<<"${SCENARIOS[$i]}"
  if (( i % 2 == 0 )); then order=(ours mosquitto); else order=(mosquitto ours); fi
  for ((rep = 1; rep <= REPEAT; rep++)); do
    for broker in "${order[@]}"; do
      run_one "$broker" "$i" "$pubs" "$subs" "$qos" "$group" "$rate" "$tag" "$rep"
    done
  done
}

# med BROKER IDX TAG KEY [FORMAT]: median of KEY over the runs (us_per_msg: the .cpu files),
# printed with FORMAT (default %.0f); "-" when no run has it.
med() {
  local broker="$1" idx="$2" tag="$3" key="$4" format="${5:-%.0f}" rep values=() m
  for ((rep = 1; rep <= REPEAT; rep++)); do
    if [[ "$key" == us_per_msg ]]; then
      values+=("$(cat "$WORK/$broker.$idx$tag.$rep.cpu" 2>/dev/null || echo -)")
    else
      values+=("$(field "$WORK/$broker.$idx$tag.$rep.result" "$key")")
    fi
  done
  m="$(bench_median -f %.4f "${values[@]}")"
  if [[ "$m" == "-" ]]; then echo "-"; else awk -v f="$format" -v m="$m" 'BEGIN { printf f "\n", m }'; fi
}
ratio() {
  awk -v a="$1" -v b="$2" 'BEGIN { if (a == "-" || b == "-" || b + 0 == 0) print "-"; else printf "%.2f", a / b }'
}
loss() { # broker idx tag: lost/expected summed over the runs
  local rep e=0 l=0 f have=0
  for ((rep = 1; rep <= REPEAT; rep++)); do
    f="$WORK/$1.$2$3.$rep.result"
    [[ -s "$f" ]] || continue
    have=1
    e=$(( e + $(field "$f" expected) )); l=$(( l + $(field "$f" lost) ))
  done
  (( have )) || { echo "-"; return; }
  awk -v e="$e" -v l="$l" 'BEGIN { if (e + 0 == 0) print "-"; else printf "%.1f%%", 100 * l / e }'
}
# target LABEL OP: reads "scenario|ratio" lines; prints "targets: LABEL: MET" or
# "...: NOT MET (scenario ratio, ...)"; OP is ge (ratio >= 1.00) or le (ratio <= 1.00).
target() {
  local label="$1" op="$2" name r failed=() rows=0
  while IFS='|' read -r name r; do
    [[ -n "$name" ]] || continue
    rows=$((rows + 1))
    if [[ "$r" == "-" ]]; then failed+=("$name: no result"); continue; fi
    awk -v r="$r" -v op="$op" 'BEGIN { exit !(op == "ge" ? r >= 1.00 : r <= 1.00) }' || failed+=("$name $r")
  done
  (( rows > 0 )) || failed+=("no results")
  if (( ${#failed[@]} == 0 )); then
    echo "targets: $label: MET"
  else
    local list; list="$(printf '%s, ' "${failed[@]}")"
    echo "targets: $label: NOT MET (${list%, })"
  fi
}

# --- peak throughput, window-bound ---------------------------------------------------------
idx=0
for scenario in "${SCENARIOS[@]}"; do
  echo "== ${scenario%%|*}"
  run_scenario "$idx" "$RATE" ""
  idx=$((idx + 1))
done

peak_row() { printf '%-20s | %10s %10s %6s | %9s %9s %6s | %9s %9s %6s | %7s %7s | %10s %10s %6s\n' "$@"; }
echo
echo "Ratios are ours/mosquitto: throughput >1 is better for us, latency <1 is better for us."
echo "Medians of $REPEAT runs per broker; loss over all runs; us/msg = broker CPU per delivered message (<1 is better for us)."
peak_row \
  scenario "rx/s ours" "rx/s mosq" ratio "p50us our" "p50us mos" ratio "p99us our" "p99us mos" ratio "lossOur" "lossMos" \
  "us/msg our" "us/msg mos" ratio
TARGET_ROWS=""
for ((i = 0; i < idx; i++)); do
  name="${SCENARIOS[$i]%%|*}"
  to=$(med ours "$i" "" throughput); tm=$(med mosquitto "$i" "" throughput)
  p5o=$(med ours "$i" "" p50_us); p5m=$(med mosquitto "$i" "" p50_us)
  p9o=$(med ours "$i" "" p99_us); p9m=$(med mosquitto "$i" "" p99_us)
  co=$(med ours "$i" "" us_per_msg %.2f); cm=$(med mosquitto "$i" "" us_per_msg %.2f)
  peak_row \
    "$name" "$to" "$tm" "$(ratio "$to" "$tm")" "$p5o" "$p5m" "$(ratio "$p5o" "$p5m")" \
    "$p9o" "$p9m" "$(ratio "$p9o" "$p9m")" "$(loss ours "$i" "")" "$(loss mosquitto "$i" "")" \
    "$co" "$cm" "$(ratio "$co" "$cm")"
  TARGET_ROWS+="$name|$(ratio "$to" "$tm")"$'\n'
done
target "throughput ratio ≥ 1.00 in every scenario" ge <<<"${TARGET_ROWS%$'\n'}"

# --- latency at half of Mosquitto's peak rate ------------------------------------------------
# The issue's latency target: at half the rate Mosquitto peaked at in the same scenario, our
# p99 must be no worse. Per-publisher rate = median mosquitto rx/s / 2 / (publishers x
# copies per message), copies = subscribers for plain subscriptions, 1 for a shared group.
echo
echo "Latency at half of Mosquitto's peak rate (median of its $REPEAT peak runs; same scenarios, fixed publish rate):"
for ((i = 0; i < idx; i++)); do
  IFS='|' read -r name pubs subs qos group <<<"${SCENARIOS[$i]}"
  tm=$(med mosquitto "$i" "" throughput)
  [[ "$tm" == "-" ]] && continue
  copies=$subs; [[ -n "$group" ]] && copies=1
  rate=$(awk -v t="$tm" -v p="$pubs" -v c="$copies" 'BEGIN { r = int(t / 2 / (p * c)); if (r < 1) r = 1; print r }')
  echo "== $name at $rate msg/s per publisher"
  run_scenario "$i" "$rate" half
done
echo
half_row() { printf '%-20s | %10s %10s | %9s %9s %6s | %9s %9s %6s | %7s %7s | %10s %10s %6s\n' "$@"; }
half_row \
  "at half mosq peak" "rx/s ours" "rx/s mosq" "p50us our" "p50us mos" ratio "p99us our" "p99us mos" ratio "lossOur" "lossMos" \
  "us/msg our" "us/msg mos" ratio
TARGET_ROWS=""
for ((i = 0; i < idx; i++)); do
  [[ -s "$WORK/ours.${i}half.1.result" || -s "$WORK/mosquitto.${i}half.1.result" ]] || continue
  name="${SCENARIOS[$i]%%|*}"
  to=$(med ours "$i" half throughput); tm=$(med mosquitto "$i" half throughput)
  p5o=$(med ours "$i" half p50_us); p5m=$(med mosquitto "$i" half p50_us)
  p9o=$(med ours "$i" half p99_us); p9m=$(med mosquitto "$i" half p99_us)
  co=$(med ours "$i" half us_per_msg %.2f); cm=$(med mosquitto "$i" half us_per_msg %.2f)
  half_row \
    "$name" "$to" "$tm" "$p5o" "$p5m" "$(ratio "$p5o" "$p5m")" \
    "$p9o" "$p9m" "$(ratio "$p9o" "$p9m")" "$(loss ours "$i" half)" "$(loss mosquitto "$i" half)" \
    "$co" "$cm" "$(ratio "$co" "$cm")"
  TARGET_ROWS+="$name|$(ratio "$p9o" "$p9m")"$'\n'
done
target "p99 at half peak ratio ≤ 1.00" le <<<"${TARGET_ROWS%$'\n'}"
