#!/bin/bash
# The VS Code extension, packaged as a .vsix, in code-server driven by Playwright in Debian's Chromium
# (tests/editors/vscode_test.js). Installs what is missing: Debian packages, then code-server and playwright-core
# from tests/editors/vscode/package-lock.json into a cache that survives between runs.
# Usage: run_vscode.sh PYMM_BINARY SOURCE_DIR BUILD_DIR
set -uo pipefail
pymm=$(readlink -f "$1")
src=$(readlink -f "$2")
build=$(mkdir -p "$3" && readlink -f "$3")
artifacts="$build/artifacts"
. "$src/tests/editors/lib.sh"
start=$(date +%s)

command -v node >/dev/null && command -v npm >/dev/null || skip "Node.js and npm are needed (apt-get install npm)"
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" = 20 ] || skip "code-server 4.100.3 needs Node 20; this machine has Node $node_major"
need_debs chromium ripgrep build-essential pkg-config python3 libkrb5-dev libxkbfile-dev libsecret-1-dev libx11-dev ||
  skip "Chromium and code-server's build dependencies are not installed and cannot be installed here"

tools="$CACHE/vscode-tools-$(content_key "$src/tests/editors/vscode/package-lock.json")"
if [ ! -x "$tools/node_modules/.bin/code-server" ]; then
  log "installing code-server and playwright-core into $tools (about 2 minutes, once)"
  mkdir -p "$artifacts"
  if ! timeout -k 10 1200 "$src/tests/editors/vscode/install.sh" "$tools" >"$artifacts/vscode-install.log" 2>&1; then
    tail -n 40 "$artifacts/vscode-install.log"
    skip "code-server could not be installed from the npm registry (log: $artifacts/vscode-install.log)"
  fi
fi

log "packaging the extension"
"$src/editors/vscode/build-vsix.sh" "$build" >"$build/vsix.log" 2>&1 || { cat "$build/vsix.log"; exit 1; }
vsix="$build/pymm-vscode.vsix"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work"/{project,extensions,data/User}
: >"$work/project/pyproject.toml"
cp "$src/tests/editors/fixtures/sample.py" "$work/project/sample.py"
# The extension host takes its environment from a login shell, not from us: pymm.path names a wrapper that
# traces the conversation (PYMM_LOG) and runs the pymm under test.
mkdir -p "$artifacts" "$work/bin"
printf '#!/bin/sh\nPYMM_LOG=%s exec %s "$@"\n' "$artifacts/vscode-pymm.log" "$pymm" >"$work/bin/pymm"
chmod +x "$work/bin/pymm"
rm -f "$artifacts/vscode-pymm.log"
cat >"$work/data/User/settings.json" <<JSON
{
  "pymm.path": "$work/bin/pymm",
  "security.workspace.trust.enabled": false,
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "update.mode": "none",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "telemetry.telemetryLevel": "off",
  "git.enabled": false,
  "editor.hover.delay": 150,
  "editor.minimap.enabled": false,
  "chat.commandCenter.enabled": false,
  "window.commandCenter": false
}
JSON
: >"$work/config.yaml"
code_server="$tools/node_modules/.bin/code-server"
timeout -k 5 120 "$code_server" --config "$work/config.yaml" --user-data-dir "$work/data" \
  --extensions-dir "$work/extensions" --install-extension "$vsix" >"$work/install-extension.log" 2>&1 ||
  { cat "$work/install-extension.log"; exit 1; }

drive_start=$(date +%s.%N)
WORK="$work" ARTIFACTS="$artifacts" PYMM="$pymm" CODE_SERVER="$code_server" NODE_PATH="$tools/node_modules" \
  timeout -k 10 240 node "$src/tests/editors/vscode_test.js"
status=$?
printf 'vscode test: %.1f s driving the editor, %d s in all, exit %d; screenshots and logs in %s\n' \
  "$(echo "$(date +%s.%N) - $drive_start" | bc)" "$(($(date +%s) - start))" "$status" "$artifacts"
if [ "$status" = 0 ] && [ -n "${PYMM_UPDATE:-}" ]; then
  cp "$artifacts/vscode-hover.png" "$src/editors/vscode/hover.png" && log "updated editors/vscode/hover.png"
fi
exit "$status"
