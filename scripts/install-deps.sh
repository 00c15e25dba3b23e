#!/usr/bin/env bash
# Installs every build, run and test dependency from Debian 12 packages (run as root).
set -euo pipefail
cd "$(dirname "$0")/.."
packages=(
  cmake ninja-build g++ pkg-config git
  qt6-base-dev qt6-charts-dev libqt6opengl6-dev libgl-dev libxkbcommon-dev
  libpaho-mqttpp-dev libpaho-mqtt-dev libssl-dev
  qtkeychain-qt6-dev
  mosquitto mosquitto-clients openssl
  xvfb xauth imagemagick xdotool
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# The interop tests drive the npm 'mqtt' client; use the machine's Node.js when it has one.
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if ((${#missing[@]})); then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y --no-install-recommends "${missing[@]}"
fi
# mosquitto from Debian enables a system service; our tests start their own on free ports.
# The npm 'mqtt' client for the interop tests, pinned by package-lock.json.
if [ ! -d tests/interop/node/node_modules/mqtt ] || [ tests/interop/node/package-lock.json -nt tests/interop/node/node_modules/.package-lock.json ]; then
  npm ci --prefix tests/interop/node --no-audit --no-fund
fi
