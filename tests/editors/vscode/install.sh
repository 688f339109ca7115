#!/bin/sh
# Installs code-server and playwright-core from this folder's package-lock.json into DIR (npm ci), as the
# VS Code test needs them. code-server compiles native modules and, unaided, downloads ripgrep from GitHub;
# Debian's rg is handed to its installer instead (the tarball it looks for in its cache under $TMPDIR).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
dir=$1
rm -rf "$dir.partial"
mkdir -p "$dir.partial"
cp "$here/package.json" "$here/package-lock.json" "$dir.partial/"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/vscode-ripgrep-cache-1.15.11"
tar czf "$tmp/vscode-ripgrep-cache-1.15.11/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C /usr/bin rg
cd "$dir.partial"
# unsafe_perm: code-server's postinstall refuses root otherwise; yes: node-pty runs `npx node-gyp` with no tty.
# code-server's postinstall runs a nested `npm install` of VS Code's own locked dependencies, whose native modules
# must build; npm 11 skips dependencies' install scripts unless allowed, and a nested install sees no allowScripts
# of ours, hence the blanket switch (older npm ignores it).
TMPDIR="$tmp" npm_config_unsafe_perm=true npm_config_yes=true npm_config_dangerously_allow_all_scripts=true \
  npm ci --no-audit --no-fund
cd /
rm -rf "$dir"
mv "$dir.partial" "$dir"
