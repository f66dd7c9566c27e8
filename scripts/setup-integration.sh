#!/usr/bin/env bash
# System packages for the integration tier: Debian's PyTorch (CPU) for the PyTorch example.
# Without root, prints the exact command and exits 3.
set -euo pipefail
need=()
/usr/bin/python3 -c 'import torch' >/dev/null 2>&1 || need+=(python3-torch)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "[setup-integration] apt-get install ${need[*]} (about a minute, once)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "[setup-integration] missing system packages: ${need[*]}" >&2
    echo "[setup-integration] run: sudo apt-get install -y --no-install-recommends ${need[*]}" >&2
    exit 3
  fi
fi
echo "[setup-integration] ready: $(/usr/bin/python3 -c 'import torch; print("torch", torch.__version__)')"
