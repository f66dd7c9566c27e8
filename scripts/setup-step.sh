# Sourced by the setup scripts. `setup_step TAG COMMAND [ARG...]` runs one download or install step with its output
# kept in a log; if it fails it runs once more (networks and registries fail now and then; a second try is cheap
# next to a red run); if the second try fails too it prints the command, its exit status and the tail of its output,
# then exits with that status. A setup failure then says what failed and why, not only which script.
# SETUP_STEP_TAIL: how many lines of output to show (default 40).
setup_step() {
  local tag=$1; shift
  local log status attempt shown
  shown=$(printf '%q ' "$@")
  log=$(mktemp "${TMPDIR:-/tmp}/liftoff-setup.XXXXXX")
  for attempt in 1 2; do
    status=0
    "$@" >"$log" 2>&1 || status=$?
    if [ "$status" -eq 0 ]; then rm -f "$log"; return 0; fi
    if [ "$attempt" -eq 1 ]; then echo "[$tag] failed (exit $status), trying once more: ${shown% }" >&2; fi
  done
  {
    echo "[$tag] FAILED twice (exit $status): ${shown% }"
    echo "[$tag] last ${SETUP_STEP_TAIL:-40} lines of its output:"
    tail -n "${SETUP_STEP_TAIL:-40}" "$log" | sed "s/^/[$tag]   /"
  } >&2
  rm -f "$log"
  exit "$status"
}
