#!/bin/sh
# Packages the extension as OUT/pymm-vscode.vsix (vsce from package-lock.json). Staged in OUT/vscode-extension so
# the source tree stays free of node_modules; npm ci runs again only when package-lock.json changes.
# Usage: editors/vscode/build-vsix.sh OUT_DIR
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=$(mkdir -p "$1" && cd "$1" && pwd)
stage="$out/vscode-extension"
mkdir -p "$stage"
if ! cmp -s "$here/package-lock.json" "$stage/package-lock.json" || [ ! -d "$stage/node_modules" ]; then
  rm -rf "$stage/node_modules" "$stage/package-lock.json"
  cp "$here/package.json" "$here/package-lock.json" "$stage/"
  (cd "$stage" && npm ci --no-audit --no-fund)
fi
cp "$here/package.json" "$here/extension.js" "$here/README.md" "$here/.vscodeignore" "$stage/"
cd "$stage"
./node_modules/.bin/vsce package --skip-license --out "$out/pymm-vscode.vsix"
