#!/usr/bin/env bash
# Memory of a consumer group far behind (issue 5): a group whose only member is away keeps
# accumulating N messages; the backlog must stay on disk, so the broker's RSS must not grow
# by more than a few MB. Prints RSS before and after, the group's lag from
# $SYS/brokerscope/groups/<group>/lag, and the data directory's size.
#
#   bench/groups/backlog_memory.sh [--messages N] [--payload-bytes B] [--topics T]
#        [--broker PATH] [--fill PATH]
set -euo pipefail

# shellcheck source=SCRIPTDIR/../scripts/lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/../scripts" && pwd)/lib.sh"
MESSAGES=10000000
PAYLOAD=100
TOPICS=10
FILL="$(bench_find_tool bench/recovery/recovery_fill)"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --messages) bench_optarg MESSAGES "$@"; shift 2 ;;
    --payload-bytes) bench_optarg PAYLOAD "$@"; shift 2 ;;
    --topics) bench_optarg TOPICS "$@"; shift 2 ;;
    --broker) bench_optarg BENCH_BROKER "$@"; shift 2 ;;
    --fill) bench_optarg FILL "$@"; shift 2 ;;
    -h|--help) bench_usage; exit 0 ;;
    *) bench_bad_option "$1" ;;
  esac
done
bench_require_exec "$BENCH_BROKER" "$FILL" /usr/bin/mosquitto_sub

bench_init
WORK="$BENCH_WORK"
printf 'retention_bytes 100G\nmax_queued_messages 1000\n' >"$WORK/broker.conf"
PID="" PORT="" # set by bench_start_ours
bench_start_ours PID PORT "$WORK/broker.conf" "$WORK/data" "$WORK/broker.log"

# The group's only member subscribes with a persistent session and goes away.
# shellcheck disable=SC2016 # '$share/...' is a topic filter, not an expansion
mosquitto_sub -p "$PORT" -V mqttv5 -i slow-member -c -x 86400 -q 1 -t '$share/slow/backlog/#' -E
BEFORE=$(bench_proc_status_kb "$PID" VmRSS)
START=$(date +%s.%N)
"$FILL" --port "$PORT" --prefix backlog --topics "$TOPICS" --payload-bytes "$PAYLOAD" \
  --count "$MESSAGES" publish | tail -1
END=$(date +%s.%N)
sleep 1.5 # one group-stats interval, so $SYS shows the final lag
AFTER=$(bench_proc_status_kb "$PID" VmRSS)
# shellcheck disable=SC2016 # '$SYS/...' is a topic
LAG=$(mosquitto_sub -p "$PORT" -V mqttv5 -C 1 -W 5 -t '$SYS/brokerscope/groups/slow/lag' || echo "?")
DISK=$(du -sh "$WORK/data" | cut -f1)
echo
echo "messages published: $MESSAGES x ${PAYLOAD} B over $TOPICS topics in $(awk -v a="$START" -v b="$END" 'BEGIN { printf "%.1f", b - a }') s"
echo "group 'slow' lag (\$SYS): $LAG"
echo "broker RSS: before $((BEFORE / 1024)) MB, after $((AFTER / 1024)) MB, growth $(((AFTER - BEFORE) / 1024)) MB"
echo "data directory: $DISK"
