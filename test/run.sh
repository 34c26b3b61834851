#!/usr/bin/env bash
# `npm test`: every gate, as parallel as two cores allow. The builds and then the browser suite
# are the longest path, and come first; the unit and component tests, lint and the type check
# take the CPU they leave (the browser suite waits on pages as much as it computes). Each step's
# output is printed whole when it ends, with its time; any failure fails the run.
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

npm run messages || exit 1
step build npm run build
step scorm npm run build:scorm
step unit nice -n 10 npx vitest run --project unit --project ui
step lint nice -n 10 npm run lint
step types nice -n 10 npx svelte-check --tsconfig ./tsconfig.json --fail-on-warnings
finish build
finish scorm
if [ $failed -eq 0 ]; then
  step browser npx vitest run --project build --project browser
  finish browser
fi
finish unit
finish lint
finish types
exit $failed
