#!/usr/bin/env bash
# How fast the admin API answers on a big broker (issue 5 target: listing 10,000 topics or
# 1,000 groups under 100 ms). Fills the daemon with one message on each of T topics,
# G consumer groups (one persistent member each, away) and L dead letters, then times
# stats, listTopics, listGroups and listDeadLetters round trips with mosquitto_rr (MQTT 5
# request/response), R times each, and
# prints the fastest, median and slowest. mosquitto_rr's own start-up (a few ms) is
# included, so the broker's share is smaller than what is printed.
#
#   bench/admin/admin_listing.sh [--topics T] [--groups G] [--letters L] [--runs R] [--broker PATH] [--fill PATH]
set -euo pipefail

# shellcheck source=SCRIPTDIR/../scripts/lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/../scripts" && pwd)/lib.sh"
TOPIC_COUNT=10000
GROUP_COUNT=1000
LETTER_COUNT=10000
RUNS=5
FILL="$(bench_find_tool bench/recovery/recovery_fill)"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --topics) bench_optarg TOPIC_COUNT "$@"; shift 2 ;;
    --groups) bench_optarg GROUP_COUNT "$@"; shift 2 ;;
    --letters) bench_optarg LETTER_COUNT "$@"; shift 2 ;;
    --runs) bench_optarg RUNS "$@"; shift 2 ;;
    --broker) bench_optarg BENCH_BROKER "$@"; shift 2 ;;
    --fill) bench_optarg FILL "$@"; shift 2 ;;
    -h|--help) bench_usage; exit 0 ;;
    *) bench_bad_option "$1" ;;
  esac
done
bench_require_exec "$BENCH_BROKER" "$FILL" /usr/bin/mosquitto_sub /usr/bin/mosquitto_pub /usr/bin/mosquitto_rr
bench_require_positive "$RUNS"

bench_init
WORK="$BENCH_WORK"
printf 'max_queued_messages 1000\n' >"$WORK/broker.conf"
PORT="" # set by bench_start_ours
bench_start_ours PID PORT "$WORK/broker.conf" "$WORK/data" "$WORK/broker.log"

# G groups: one away member subscribed to $share/g<i>/groups/t<i mod 10> in each, and one
# message on each of those 10 topics, so every group has a cursor with lag 1. (Groups are
# kept apart from the T listing topics: a group matching all of them would hold T cursors.)
ARGS=()
for ((i = 0; i < GROUP_COUNT; i++)); do ARGS+=(-t "\$share/g$i/groups/t$((i % 10))"); done
mosquitto_sub -p "$PORT" -V mqttv5 -i member -c -x 86400 -q 1 "${ARGS[@]}" -E
"$FILL" --port "$PORT" --prefix groups --topics 10 --count 10 --payload-bytes 16 publish | tail -1
# L dead letters (explicit: published to $DLQ/<group>/<topic>, as a paho consumer would),
# spread over 4 groups, about 200 bytes each.
for ((g = 0; g < 4; g++)); do
  for ((i = g; i < LETTER_COUNT; i += 4)); do
    printf '{"orderId":"o-%06d","customerId":"c-%04d","totalAmount":%d.99,"items":[{"productId":"p-1","quantity":2}]}\n' "$i" "$((i % 5000))" "$((i % 400))"
  done | mosquitto_pub -p "$PORT" -V mqttv5 -q 1 -t "\$DLQ/dlq$g/shop/orders" -D publish user-property dlq-error "bench" -l
done
# T topics, one message each.
"$FILL" --port "$PORT" --prefix listing --topics "$TOPIC_COUNT" --count "$TOPIC_COUNT" --payload-bytes 16 publish | tail -1

time_call() { # command -> prints milliseconds and the reply size
  local start end reply
  start=$(date +%s%N)
  # shellcheck disable=SC2016 # '$CONTROL/...' is a topic
  reply=$(mosquitto_rr -p "$PORT" -V mqttv5 -t '$CONTROL/brokerscope/v1' -e "bench/replies" -m "$1" -W 10)
  end=$(date +%s%N)
  echo "$(( (end - start) / 1000000 )) ${#reply}"
}
# stats: mosquitto_rr's own cost, for reference. listDeadLetters: a first page of 100 with
# the counts by reason/group/topic over all letters (a scan of the $DLQ logs).
for command in '{"command":"stats"}' '{"command":"listTopics"}' '{"command":"listGroups"}' \
               '{"command":"listDeadLetters","limit":100}' '{"command":"listDeadLetters","limit":100,"group":"dlq1","text":"o-0001"}'; do
  times=()
  for ((r = 0; r < RUNS; r++)); do
    read -r ms bytes < <(time_call "$command")
    times+=("$ms")
  done
  mapfile -t sorted < <(printf '%s\n' "${times[@]}" | sort -n)
  echo "$command: fastest ${sorted[0]} ms, median ${sorted[$((RUNS / 2))]} ms, slowest ${sorted[$((RUNS - 1))]} ms (reply $bytes bytes; $TOPIC_COUNT topics, $GROUP_COUNT groups, $LETTER_COUNT dead letters)"
done
