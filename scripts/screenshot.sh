#!/usr/bin/env bash
# Makes docs/screenshot.png: runs the console under Xvfb with its embedded broker, feeds it
# sample traffic with mosquitto_pub, selects a topic, and captures the screen.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${BROKERSCOPE_BUILD_DIR:-build}
out=${1:-docs/screenshot.png}
port=${SCREENSHOT_PORT:-18831}
display=:${SCREENSHOT_DISPLAY:-97}
data=$(mktemp -d)

Xvfb "$display" -screen 0 1440x900x24 -nolisten tcp &
xvfb=$!
app=""
cleanup() { [ -n "$app" ] && kill "$app" 2>/dev/null; kill "$xvfb" 2>/dev/null; rm -rf "$data"; }
trap cleanup EXIT

export DISPLAY=$display
export XDG_CONFIG_HOME=$data/config XDG_DATA_HOME=$data/share
"$build_dir/app/brokerscope" -geometry 1440x900+0+0 --port "$port" --data-dir "$data/broker" --select-topic shop/orders/created &
app=$!

# Wait until the embedded broker answers.
for _ in $(seq 1 100); do
  mosquitto_sub -p "$port" -t '$SYS/broker/version' -C 1 -W 1 >/dev/null 2>&1 && break
  sleep 0.1
done

pub() { mosquitto_pub -p "$port" -V mqttv5 "$@"; }
pub -t shop/config/currency -m EUR -r
pub -t shop/config/vat -m '{"standard": 0.21, "reduced": 0.09}' -r -D publish content-type application/json
for i in $(seq 1 12); do
  pub -t shop/orders/created -q 1 -D publish content-type application/json \
      -D publish user-property source web -D publish user-property region eu \
      -m "{\"eventId\": \"e-$i\", \"eventType\": \"ORDER_CREATED\", \"payload\": {\"orderId\": \"ord-$((1000 + i))\", \"customerId\": \"c-$((i % 5))\", \"items\": [{\"productId\": \"p-7\", \"quantity\": $i, \"price\": 19.99}], \"totalAmount\": $((i * 20)).0}}"
  pub -t shop/payments/processed -q 1 -m "{\"orderId\": \"ord-$((1000 + i))\", \"status\": \"charged\"}"
  pub -t sensors/warehouse-$((i % 3))/temperature -m "$((18 + i % 4)).$i"
done
pub -t shop/inventory/p-7 -m 'stock=88' -r
sleep 3  # let the views settle and the highlight fade a little
import -window root "$out"
echo "wrote $out"
