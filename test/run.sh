#!/usr/bin/env bash
# `npm test`: every gate, as parallel as two cores allow. The builds and then the browser suite
# are the longest path, and go first. Lint and the type check, which wait on nothing, take only
# the CPU nobody else wants (SCHED_IDLE); the unit and component tests, which start servers and
# wait on them, start with the tests of the built files once the builds are done, at a lower priority than the browser suite but
# never starved. Each step's output is printed whole when it ends, with its time; any failure
# fails the run.
set -uo pipefail
cd "$(dirname "$0")/.."

logs="$(mktemp -d)"
trap 'rm -rf "$logs"' EXIT
failed=0
declare -A pids

# Runs a named step in the background; `finish` waits for it and prints what it said.
step() {
  local name="$1"
  shift
  (
    start=$SECONDS
    "$@" >"$logs/$name" 2>&1
    status=$?
    echo "$((SECONDS - start))" >"$logs/$name.time"
    exit $status
  ) &
  pids[$name]=$!
}
finish() {
  local name="$1" status=0
  wait "${pids[$name]}" || status=$?
  echo "::: $name: $([ $status -eq 0 ] && echo passed || echo "FAILED ($status)") in $(cat "$logs/$name.time") s"
  cat "$logs/$name"
  [ $status -eq 0 ] || failed=1
}

# Runs a command on CPU time nobody else wants; where SCHED_IDLE is not to be had, at the lowest nice.
idle() {
  if chrt -i 0 true 2>/dev/null; then chrt -i 0 "$@"; else nice -n 19 "$@"; fi
}

npm run messages || exit 1
step build npm run build
step scorm npm run build:scorm
step lint idle npm run lint
step types idle npx svelte-check --tsconfig ./tsconfig.json --fail-on-warnings
finish build
finish scorm
# The tests of the built files (the build project) go with them, once there is a build to test.
step unit nice -n 10 npx vitest run --project unit --project ui $([ $failed -eq 0 ] && echo --project build)
if [ $failed -eq 0 ]; then
  step browser npx vitest run --project browser
  finish browser
fi
finish unit
finish lint
finish types
exit $failed
