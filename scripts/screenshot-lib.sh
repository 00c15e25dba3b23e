# Shared by the screenshot scripts (sourced): start_console starts Xvfb on $display and the
# console with its embedded broker on $port (data in a temporary directory), waits until
# the broker answers, and arranges for everything started here to be stopped on exit
# (background helpers add their PIDs to helpers). pub and admin talk to that broker.
build_dir=${BROKERSCOPE_BUILD_DIR:-build}
data=$(mktemp -d)
helpers=()
xvfb=""
app=""
stop_all() {
  for pid in "${helpers[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -n "$app" ] && kill "$app" 2>/dev/null
  [ -n "$xvfb" ] && kill "$xvfb" 2>/dev/null
  rm -rf "$data"
}
trap stop_all EXIT

start_console() { # console arguments...
  Xvfb "$display" -screen 0 1440x900x24 -nolisten tcp &
  xvfb=$!
  export DISPLAY=$display
  export XDG_CONFIG_HOME=$data/config XDG_DATA_HOME=$data/share
  "$build_dir/app/brokerscope" -geometry 1440x900+0+0 --port "$port" --data-dir "$data/broker" "$@" &
  app=$!
  for _ in $(seq 1 100); do
    mosquitto_sub -p "$port" -t '$SYS/broker/version' -C 1 -W 1 >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "the console's broker did not answer on port $port" >&2
  return 1
}

pub() { mosquitto_pub -p "$port" -V mqttv5 "$@"; }
admin() { mosquitto_rr -p "$port" -V mqttv5 -t '$CONTROL/brokerscope/v1' -e screenshot/replies -m "$1" -W 5 >/dev/null; }
