# shellcheck shell=bash
# Helpers shared by install.sh and uninstall.sh (sourced, never run). Both set $root (--root, "" for the
# live system) and $dry_run (--dry-run) before they call live or run.
# shellcheck disable=SC2154  # root and dry_run are the caller's

say() { printf '%s\n' "$*"; }

die() {
  printf '%s: %s\n' "$(basename "$0")" "$1" >&2
  exit "${2:-1}"
}

# True when working on this machine itself, not on a folder standing in for it (--root).
live() { [ -z "$root" ]; }

# Runs a command that changes the live system; only printed with --dry-run, skipped with --root.
run() {
  if ! live; then
    say "- $(printf '%q ' "$@")(--root: springes over / skipped)"
    return 0
  fi
  say "+ $(printf '%q ' "$@")"
  if [ "$dry_run" -eq 0 ]; then "$@"; fi
}
