#!/usr/bin/env bash
# Installs every build, run and test dependency from Debian 12 packages (run as root).
set -euo pipefail
packages=(
  cmake ninja-build g++ pkg-config git
  qt6-base-dev qt6-charts-dev libgl-dev
  libpaho-mqttpp-dev libpaho-mqtt-dev libssl-dev
  qtkeychain-qt6-dev
  mosquitto mosquitto-clients
  xvfb xauth imagemagick
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
