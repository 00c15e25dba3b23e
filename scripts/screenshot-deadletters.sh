#!/usr/bin/env bash
# Makes docs/screenshot-deadletters.png: the Dead letters page with letters of every kind.
# Runs the console under Xvfb with its embedded broker and makes dead letters for real:
# "payment" consumers dead-letter orders explicitly (publishing them to $DLQ/payment/...
# with dlq-error, as a paho consumer would), "inventory" has a backlog limit of 2 (maxlen),
# "email" gets orders that expire before a member comes (expired); one letter is replayed.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/screenshot-deadletters.png}
port=${SCREENSHOT_PORT:-18834}
display=:${SCREENSHOT_DISPLAY:-94}
source scripts/screenshot-lib.sh
start_console --page deadletters

order() { printf '{"orderId":"ord-%d","customerId":"c-%d","items":[{"productId":"p-%d","quantity":%d}],"totalAmount":%d.90}' "$1" "$(($1 % 7))" "$(($1 % 5))" "$(($1 % 3 + 1))" "$(($1 % 90 + 10))"; }

admin '{"command":"createGroup","group":"inventory","filter":"shop/orders","maxLag":2}'
admin '{"command":"createGroup","group":"email","filter":"shop/notify"}'
for i in 1 2 3 4 5; do pub -q 1 -t shop/orders -m "$(order $((1000 + i)))"; done
for i in 6 7; do pub -q 1 -t shop/notify -m "$(order $((1000 + i)))" -D publish message-expiry-interval 1; done
for i in 8 9 10 11; do
  pub -q 1 -t "\$DLQ/payment/shop/orders" -m "$(order $((1000 + i)))" -D publish content-type application/json \
      -D publish user-property dlq-error "card declined: insufficient funds"
done
sleep 1.5
mosquitto_sub -p "$port" -V mqttv5 -i email-1 -q 1 -t '$share/email/shop/notify' >/dev/null &
helpers+=($!)
sleep 1
admin '{"command":"replayDeadLetters","requestId":"screenshot","ids":["$DLQ/payment/shop/orders#0"],"target":"original"}'
sleep 2.5
xdotool mousemove 200 170 click 1 2>/dev/null || true   # select the first letter
sleep 1
import -window root "$out"
echo "wrote $out"
