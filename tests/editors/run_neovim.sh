#!/bin/bash
# The Neovim plugin in Debian's Neovim, headless (tests/editors/neovim_test.lua). Installs neovim when missing.
# Usage: run_neovim.sh PYMM_BINARY SOURCE_DIR
set -uo pipefail
pymm=$(readlink -f "$1")
src=$(readlink -f "$2")
. "$src/tests/editors/lib.sh"

need_debs neovim || skip "Neovim is not installed and cannot be installed here (apt-get install neovim failed)"
command -v nvim >/dev/null || skip "no nvim on PATH after installing neovim"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work"/{config,data,cache,state,project}
: >"$work/project/pyproject.toml"
cp "$src/tests/editors/fixtures/sample.py" "$work/project/sample.py"
# A fresh XDG home: no user config, plugins or shada leak in; pymm found on PATH, as after `make install`.
# pymm's cache (the guide it links to) stays in the real home: only Neovim's state is private.
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" XDG_STATE_HOME="$work/state"
export NVIM_LOG_FILE="$work/nvim.log" PYMM_LOG="$work/pymm.log"
export PATH="$(dirname "$pymm"):$PATH"
export PYMM_TEST_PLUGIN="$src/editors/neovim" PYMM_TEST_FILE="$work/project/sample.py" PYMM_TEST_TIMEOUT_MS=45000
cd "$work/project"
start=$(date +%s.%N)
XDG_CACHE_HOME="$work/cache" timeout -k 5 60 nvim --headless -u NONE -i NONE -n \
  -c "luafile $src/tests/editors/neovim_test.lua" </dev/null
status=$?
printf 'neovim test: %.2f s, exit %d\n' "$(echo "$(date +%s.%N) - $start" | bc)" "$status"
if [ "$status" != 0 ] && [ -s "$PYMM_LOG" ]; then
  echo "--- tail of the pymm trace"
  tail -n 30 "$PYMM_LOG"
fi
exit "$status"
