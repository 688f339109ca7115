# Shared by the editor tests: install what is missing, once, into a cache that survives between runs.
# Sourced by run_neovim.sh and run_vscode.sh; never run on its own.

CACHE="${PYMM_EDITORS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pymm-editors}"
mkdir -p "$CACHE"
export npm_config_cache="$CACHE/npm"
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

log() { printf '%s: %s\n' "${0##*/}" "$*" >&2; }

# Prints "skip: REASON" and exits 0; ctest turns that output into "Skipped" (SKIP_REGULAR_EXPRESSION).
skip() {
  printf 'SKIPPED: %s\n' "$*"
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
  # shellcheck disable=SC2086
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing >&2 && return 0
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q >&2 &&
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing >&2
}

# A directory name that changes when FILE changes: a new lock file gets a fresh install, an old one is reused.
content_key() { sha256sum "$1" | cut -c1-16; }
