#!/usr/bin/env bash
# Makes docs/screenshot-groups.png: the Consumer groups page with live lag. Runs the console
# under Xvfb with its embedded broker; three durable groups read shop/orders (created through
# the admin API with mosquitto_rr): "payment" has a member that keeps up, "email" and
# "analytics" have none, so their lag grows while orders arrive; then "email" gets a member
# and drains. The chart overlays email and analytics.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/screenshot-groups.png}
port=${SCREENSHOT_PORT:-18832}
display=:${SCREENSHOT_DISPLAY:-96}
source scripts/screenshot-lib.sh
start_console --page groups --select-groups email,analytics

for group in payment email analytics; do
  admin "{\"command\":\"createGroup\",\"group\":\"$group\",\"filter\":\"shop/orders\"}"
done
mosquitto_sub -p "$port" -V mqttv5 -i payment-1 -q 1 -t '$share/payment/shop/orders' >/dev/null &
helpers+=($!)

order() { printf '{"orderId":"ord-%d","customerId":"c-%d","totalAmount":%d.90}' "$1" "$(($1 % 7))" "$(($1 % 90 + 10))"; }
publish_orders() { # count, per second
  local i
  for ((i = 0; i < $1; i++)); do
    pub -q 1 -t shop/orders -m "$(order $((RANDOM)))"
    sleep "$(awk "BEGIN {print 1 / $2}")"
  done
}
publish_orders 60 6           # about 10 s: email and analytics fall behind
mosquitto_sub -p "$port" -V mqttv5 -i email-1 -q 1 -t '$share/email/shop/orders' >/dev/null &
helpers+=($!)
publish_orders 30 6           # email drains, analytics keeps growing
publish_orders 100 6 &        # still arriving while the screen is captured
helpers+=($!)
sleep 3
import -window root "$out"
echo "wrote $out"
