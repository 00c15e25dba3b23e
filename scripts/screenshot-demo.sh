#!/usr/bin/env bash
# Makes docs/screenshot-demo.png: the teaching demo under Xvfb. The console starts its
# embedded broker and the Black-Friday scenario (brokerscope --demo black-friday) and opens
# on the Demo page. The script then does what a teacher does first, from the keyboard with
# xdotool (the page's mnemonics): Alt+B sets the Black-Friday peak (≈ 28 orders/s), and a
# few seconds later Alt+E switches "Email slow (×50)" on. About 15 s after that, email's
# lag has grown, the synchronous chain times out while the asynchronous order service
# answers as before, and the screen is captured.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/screenshot-demo.png}
port=${SCREENSHOT_PORT:-18834}
display=:${SCREENSHOT_DISPLAY:-94}
source scripts/screenshot-lib.sh
start_console --demo black-friday --page demo

window=$(xdotool search --sync --onlyvisible --name Brokerscope | head -1)
press() { # keys...: to the console's window, which gets the keyboard focus first
  xdotool windowfocus --sync "$window" 2>/dev/null || true
  xdotool key --clearmodifiers "$@"
}
sleep 2
press alt+b   # the Black-Friday peak
sleep 6       # the services settle at the peak
press alt+e   # email slow (x50)
sleep 15
import -window root "$out"
echo "wrote $out"
