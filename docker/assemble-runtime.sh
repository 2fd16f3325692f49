#!/usr/bin/env bash
# Assembles what the server needs at run time into <out-dir>: the server and shared sources (Node
# runs the .ts files directly), the production node_modules of the server workspace and the built
# SPA. Run it from an installed checkout (npm ci done, SPA built). The Dockerfile runs this script
# and docker/image-layout.test.ts runs the very same one, so the layout it checks is the image's.
set -euo pipefail

if [ "$#" -ne 1 ]; then
  echo "usage: docker/assemble-runtime.sh <out-dir>" >&2
  exit 2
fi
repo="$(cd "$(dirname "$0")/.." && pwd)"
out="$1"
web_dist="$repo/apps/web/dist"

[ -f "$web_dist/index.html" ] || { echo "assemble-runtime: $web_dist/index.html is missing; build the SPA first (npm run build -w @bokujo/web)" >&2; exit 1; }
[ -d "$repo/node_modules" ] || { echo "assemble-runtime: $repo/node_modules is missing; run npm ci first" >&2; exit 1; }
if [ -e "$out" ] && [ -n "$(ls -A "$out")" ]; then
  echo "assemble-runtime: $out is not empty" >&2
  exit 1
fi
mkdir -p "$out/apps/server" "$out/packages/shared" "$out/apps/web"

# Sources without their tests: tests sit beside the code and are of no use in a running server.
copy_sources() {
  (cd "$repo/$1" && find src -type f ! -name '*.test.ts' ! -name '*.test.tsx' -print0) |
    (cd "$repo/$1" && xargs -0 cp --parents -t "$out/$1")
  cp "$repo/$1/package.json" "$out/$1/package.json"
}
copy_sources apps/server
copy_sources packages/shared
cp -R "$web_dist" "$out/apps/web/dist"
cp "$repo/package.json" "$out/package.json"

node "$repo/docker/runtime-deps.ts" "$repo" apps/server "$out"
# Files stay readable by everyone and writable by no one but root: the server runs as another user.
chmod -R u=rwX,go=rX "$out"
