#!/usr/bin/env bash
# Makes docs/screenshot.png: runs the console under Xvfb with its embedded broker, feeds it
# sample traffic with mosquitto_pub, selects a topic, and captures the screen.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/screenshot.png}
port=${SCREENSHOT_PORT:-18831}
display=:${SCREENSHOT_DISPLAY:-97}
source scripts/screenshot-lib.sh
start_console --select-topic shop/orders/created

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
