#!/usr/bin/env bash
# `npm test`: every gate, as parallel as two cores allow. The checks that need no build (lint,
# types, unit and component tests) run beside the builds; the browser suite follows the builds.
# Each step's output is printed whole when it ends, with its time; the first failure fails all.
set -uo pipefail
cd "$(dirname "$0")/.."

logs="$(mktemp -d)"
trap 'rm -rf "$logs"' EXIT
failed=0

# Runs a named step in the background; `finish` waits for it and prints what it said.
declare -A pids starts
step() {
  local name="$1"
  shift
  starts[$name]=$SECONDS
  ("$@" >"$logs/$name" 2>&1) &
  pids[$name]=$!
}
finish() {
  local name="$1" status=0
  wait "${pids[$name]}" || status=$?
  echo "::: $name: $([ $status -eq 0 ] && echo passed || echo "FAILED ($status)") in $((SECONDS - ${starts[$name]})) s"
  cat "$logs/$name"
  [ $status -eq 0 ] || failed=1
}

npm run messages || exit 1
step lint npm run lint
step types npx svelte-check --tsconfig ./tsconfig.json --fail-on-warnings
step builds bash -c 'npm run build && npm run build:scorm'
step unit npx vitest run --project unit --project ui
finish builds
if [ $failed -eq 0 ]; then
  step browser npx vitest run --project build --project browser
  finish browser
fi
finish lint
finish types
finish unit
exit $failed
