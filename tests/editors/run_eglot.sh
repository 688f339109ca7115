#!/bin/bash
# The eglot snippet of editors/README.md in Debian's Emacs + elpa-eglot, batch mode (tests/editors/eglot_test.el).
# Usage: run_eglot.sh PYMM_BINARY SOURCE_DIR
set -uo pipefail
pymm=$(readlink -f "$1")
src=$(readlink -f "$2")
. "$src/tests/editors/lib.sh"

need_debs emacs-nox elpa-eglot || skip "Emacs and eglot are not installed and cannot be installed here"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/home" "$work/project"
: >"$work/project/pyproject.toml"
cp "$src/tests/editors/fixtures/sample.py" "$work/project/sample.py"
cd "$work/project"
git init -q . 2>/dev/null || true # eglot's project root
# A private HOME: no user init or packages; pymm found on PATH, as after `make install`.
HOME="$work/home" PATH="$(dirname "$pymm"):$PATH" PYMM_LOG="$work/pymm.log" \
  timeout -k 5 60 emacs --batch -q -l "$src/tests/editors/eglot_test.el" "$work/project/sample.py" 2>&1 |
  grep -v '^Loading '
status=${PIPESTATUS[0]}
[ "$status" != 0 ] && [ -s "$work/pymm.log" ] && tail -n 20 "$work/pymm.log"
exit "$status"
