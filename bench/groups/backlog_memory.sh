#!/usr/bin/env bash
# Memory of a consumer group far behind (issue 5): a group whose only member is away keeps
# accumulating N messages; the backlog must stay on disk, so the broker's RSS must not grow
# by more than a few MB. Prints RSS before and after, the group's lag from
# $SYS/brokerscope/groups/<group>/lag, and the data directory's size.
#
#   bench/groups/backlog_memory.sh [--messages N] [--payload-bytes B] [--topics T]
#        [--broker PATH] [--fill PATH]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
MESSAGES=10000000
PAYLOAD=100
TOPICS=10
BROKER="$ROOT/build/broker/brokerscope-broker"
FILL="$ROOT/build/bench/recovery/recovery_fill"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --messages) MESSAGES="$2"; shift 2 ;;
    --payload-bytes) PAYLOAD="$2"; shift 2 ;;
    --topics) TOPICS="$2"; shift 2 ;;
    --broker) BROKER="$2"; shift 2 ;;
    --fill) FILL="$2"; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "backlog_memory: unknown option $1" >&2; exit 2 ;;
  esac
done
for tool in "$BROKER" "$FILL" /usr/bin/mosquitto_sub; do
  [[ -x "$tool" ]] || { echo "backlog_memory: not executable: $tool" >&2; exit 2; }
done

WORK="$(mktemp -d /tmp/backlog_memory.XXXXXX)"
PID=""
cleanup() {
  [[ -n "$PID" ]] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }

printf 'retention_bytes 100G\nmax_queued_messages 1000\n' >"$WORK/broker.conf"
"$BROKER" --port 0 --config "$WORK/broker.conf" --data-dir "$WORK/data" >"$WORK/broker.log" 2>&1 &
PID=$!
PORT=""
for _ in $(seq 200); do
  PORT="$(sed -n 's/^brokerscope-broker: listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$WORK/broker.log")"
  [[ -n "$PORT" ]] && break
  sleep 0.05
done
[[ -n "$PORT" ]] || { echo "backlog_memory: broker did not start" >&2; cat "$WORK/broker.log" >&2; exit 1; }

# The group's only member subscribes with a persistent session and goes away.
mosquitto_sub -p "$PORT" -V mqttv5 -i slow-member -c -x 86400 -q 1 -t '$share/slow/backlog/#' -E
BEFORE=$(rss_kb "$PID")
START=$(date +%s.%N)
"$FILL" --port "$PORT" --prefix backlog --topics "$TOPICS" --payload-bytes "$PAYLOAD" \
  --count "$MESSAGES" publish | tail -1
END=$(date +%s.%N)
sleep 1.5 # one group-stats interval, so $SYS shows the final lag
AFTER=$(rss_kb "$PID")
LAG=$(mosquitto_sub -p "$PORT" -V mqttv5 -C 1 -W 5 -t '$SYS/brokerscope/groups/slow/lag' || echo "?")
DISK=$(du -sh "$WORK/data" | cut -f1)
echo
echo "messages published: $MESSAGES x ${PAYLOAD} B over $TOPICS topics in $(awk -v a="$START" -v b="$END" 'BEGIN { printf "%.1f", b - a }') s"
echo "group 'slow' lag (\$SYS): $LAG"
echo "broker RSS: before $((BEFORE / 1024)) MB, after $((AFTER / 1024)) MB, growth $(((AFTER - BEFORE) / 1024)) MB"
echo "data directory: $DISK"
