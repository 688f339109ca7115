# Shared by the editor tests: install what is missing, once, into a cache that survives between runs.
# Sourced by run_neovim.sh and run_vscode.sh; never run on its own.

CACHE="${PYMM_EDITORS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pymm-editors}"
mkdir -p "$CACHE"
export npm_config_cache="$CACHE/npm"
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

log() { printf '%s: %s\n' "${0##*/}" "$*" >&2; }

# For when the machine cannot install or run the editor: says why and exits 0; ctest turns this line into
# "Skipped" (SKIP_REGULAR_EXPRESSION in tests/CMakeLists.txt). A check skipped inside a run says "SKIPPED:".
skip() {
  printf 'SKIPPED (this machine cannot run the editor): %s\n' "$*"
  exit 0
}

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo "$@"
  else return 1
  fi
}

# need_debs PKG...: installs the Debian packages that are not installed yet (and nothing when all are).
# Returns non-zero when they cannot be installed (no root, no network, no such package).
need_debs() {
  local missing="" p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
  done
  [ -z "$missing" ] && return 0
  command -v apt-get >/dev/null || return 1
  log "installing Debian packages:$missing"
  # The editor tests may run in parallel (ctest -j): one apt-get at a time, and wait for dpkg's lock.
  (
    flock 9
    local apt="env DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=600"
    # shellcheck disable=SC2086
    as_root $apt install -y --no-install-recommends $missing >&2 ||
      { as_root $apt update >&2 && as_root $apt install -y --no-install-recommends $missing >&2; }
  ) 9>"$CACHE/apt.lock"
}

# A directory name that changes when FILE changes: a new lock file gets a fresh install, an old one is reused.
content_key() { sha256sum "$1" | cut -c1-16; }
