#!/usr/bin/env bash
# Checks a cdk8s synth dir with the real tools, as a reviewer would before merging:
#   - the Alertmanager configuration prometheus-operator would generate for each Alertmanager CR
#     (secrets as placeholders, integrations Alertmanager 0.25 lacks omitted): amtool check-config
#   - each PrometheusRule's groups: promtool check rules
# Usage: npm run build && scripts/e2e/check-synth.sh cdk8s.out [keep-dir]
set -euo pipefail
synth=${1:?usage: scripts/e2e/check-synth.sh <synth-dir> [out-dir]}
out=${2:-}
if [ -z "$out" ]; then out=$(mktemp -d); trap 'rm -rf "$out"' EXIT; fi
cli=${SIMULATE_CLI:-"$(dirname "$0")/../../dist/lib/cli/main.js"}
[ -f "$cli" ] || { echo "missing $cli: run 'npm run build' first" >&2; exit 2; }

node "$cli" effective-config "$synth" --out "$out/alertmanager" --compat 0.25
for f in "$out"/alertmanager/*.alertmanager.yaml; do amtool check-config "$f"; done

node "$cli" rule-files "$synth" --out "$out/rules" >/dev/null
shopt -s nullglob
rules=("$out"/rules/*.yaml)
if [ ${#rules[@]} -gt 0 ]; then promtool check rules "${rules[@]}"; else echo "no PrometheusRule manifests"; fi
