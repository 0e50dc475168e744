#!/usr/bin/env bash
# `npm run test:pack`: the package as a user gets it.
#
# 1. Builds, runs `npm pack`, and checks the tarball holds only package.json, README.md,
#    LICENSE and the compiled dist/lib and dist/imports (.js and .d.ts): no tests, snapshots,
#    examples, benchmarks, scripts or TypeScript sources.
# 2. For cdk8s-plus-27 (what we build with) and cdk8s-plus-33 (what `cdk8s init` installs
#    today), installs the tarball into a fresh directory outside the repository, with cdk8s,
#    constructs and cdk8s-cli at the versions pinned in devDependencies (`npm install
#    --prefer-offline`: the npm cache is used when it has them).
# 3. Compiles a small TypeScript app that imports the constructs from 'cdk8s-alerting' (with
#    the repository's tsc, against the installed .d.ts files), runs `cdk8s synth`, and checks
#    the manifests have the expected kinds.
# 4. Runs scripts/pack-app/scenarios.ts there: one broken stack per check, with Secrets made by
#    that cdk8s-plus (its Secret, its raw KubeSecret), on a plain cdk8s App. Each must fail the
#    synth with its check's finding, write nothing, and never print the secret value.
#
# KEEP=1 keeps the temporary directory for inspection.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/cdk8s-alerting-pack-XXXXXX")"
cleanup() {
  if [ "${KEEP:-}" = "1" ]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
fail() { echo "pack test: $*" >&2; exit 1; }

cd "$repo"
echo "== build"
npm run --silent build

echo "== npm pack"
tarball="$(npm pack --silent --pack-destination "$work" | tail -n 1)"
tarball="$work/$tarball"
[ -f "$tarball" ] || fail "npm pack did not write a tarball"

echo "== tarball contents"
tar -tzf "$tarball" | sort > "$work/contents.txt"
echo "$(wc -l < "$work/contents.txt") files"
# Everything must be one of these; anything else (tests, snapshots, examples, bench, scripts,
# .ts sources, source maps, tsconfig) fails.
allowed='^package/(package\.json|README\.md|LICENSE|dist/(lib|imports)/.+(\.d\.ts|\.js))$'
if grep -Ev "$allowed" "$work/contents.txt" > "$work/unexpected.txt"; then
  cat "$work/unexpected.txt" >&2
  fail "the tarball holds files it should not (listed above)"
fi
# A .js file named like a source .ts file would be a compiled one; a .ts that is not .d.ts is a source.
if grep -E '\.ts$' "$work/contents.txt" | grep -Ev '\.d\.ts$' > "$work/sources.txt"; then
  cat "$work/sources.txt" >&2
  fail "the tarball holds TypeScript sources"
fi
for required in package/package.json package/LICENSE package/dist/lib/index.js package/dist/lib/index.d.ts \
  package/dist/imports/monitoring-prometheusrules-monitoring.coreos.com.js; do
  grep -qx "$required" "$work/contents.txt" || fail "the tarball lacks $required"
done
if [ -f README.md ]; then
  grep -qx package/README.md "$work/contents.txt" || fail "the tarball lacks README.md"
else
  echo "note: the repository has no README.md, so the tarball has none"
fi
for forbidden in test/ __snapshots__ examples/ bench/ scripts/ dist/examples dist/bench dist/test; do
  if grep -q "^package/$forbidden" "$work/contents.txt"; then fail "the tarball holds $forbidden"; fi
done

pinned() { node -p "require('$repo/package.json').devDependencies['$1']"; }
# cdk8s-plus-33 is what `cdk8s init typescript-app` installs today; 27 is what we build with.
PLUS_33_VERSION="${PLUS_33_VERSION:-2.5.57}"
base_deps=(
  "cdk8s@$(pinned cdk8s)"
  "constructs@$(pinned constructs)"
  "cdk8s-cli@$(pinned cdk8s-cli)"
)

# One fresh app per cdk8s-plus version: install the tarball beside it, compile the quick app and
# the scenarios against the installed typings, synthesize, and check every scenario's outcome.
test_with_plus() {
  local plus="$1" plus_version="$2"
  local app="$work/app-$plus"
  echo "== [$plus] install into $app with ${base_deps[*]} $plus@$plus_version"
  mkdir -p "$app"
  cd "$app"
  cat > package.json <<'EOF'
{ "name": "pack-test-app", "version": "0.0.0", "private": true }
EOF
  npm install --prefer-offline --no-audit --no-fund --loglevel=error "$tarball" "${base_deps[@]}" "$plus@$plus_version"
  echo "[$plus] installed cdk8s-alerting $(node -p "require('cdk8s-alerting/package.json').version"), $plus $(node -p "require('$plus/package.json').version")"

  cat > main.ts <<'EOF'
import { App, Chart, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-XX';
import {
  AlertingApp, AlertingStack, FluxKustomization, FluxSourceRef, Matcher, RuleGroup, SecretKey, SlackReceiver,
} from 'cdk8s-alerting';

const app: App = new AlertingApp();
const stack = new AlertingStack(app, 'alerting', {
  receiver: new SlackReceiver({
    name: 'slack',
    apiUrl: SecretKey.fromSecret(kplus.Secret.fromSecretName(app, 'SlackSecret', 'alertmanager-slack'), 'url'),
  }),
  ruleGroups: [new RuleGroup('general.rules', {
    alertingRules: [{ alert: 'Watchdog', expr: 'vector(1)', labels: { severity: 'none' } }],
  })],
});
stack.routing.addRoute({ receiver: stack.routing.route.options.receiver, matchers: [Matcher.eq('severity', 'critical')] });
const sync = new Chart(app, 'sync', { namespace: 'flux-system' });
new FluxKustomization(sync, 'Alerting', {
  name: 'alerting',
  interval: Duration.minutes(10),
  sourceRef: FluxSourceRef.gitRepository('flux-system'),
  path: './clusters/pack-test/alerting',
});
app.synth();
EOF
  sed -i "s/cdk8s-plus-XX/$plus/" main.ts
  sed "s/cdk8s-plus-XX/$plus/" "$repo/scripts/pack-app/scenarios.ts" > scenarios.ts

  echo "== [$plus] compile with the repository's tsc against the installed typings"
  "$repo/node_modules/.bin/tsc" --strict --noImplicitAny --target ES2022 --module commonjs --moduleResolution node10 \
    --esModuleInterop --skipLibCheck --types node --typeRoots "$repo/node_modules/@types" main.ts scenarios.ts

  cat > cdk8s.yaml <<'EOF'
language: typescript
app: node main.js
output: dist
EOF

  echo "== [$plus] cdk8s synth"
  ./node_modules/.bin/cdk8s synth --check-upgrade false

  echo "== [$plus] check the manifests"
  node "$repo/scripts/pack-app/check-manifests.js" dist

  echo "== [$plus] scenarios (plain cdk8s App): which check fails the synth"
  local scenario expected out status
  while read -r scenario expected; do
    [ -n "$scenario" ] || continue
    out="$app/out-$scenario"
    set +e
    node scenarios.js "$scenario" "$out" > "$app/$scenario.log" 2>&1
    status=$?
    set -e
    if grep -q 'pack-test-secret-value' "$app/$scenario.log"; then
      cat "$app/$scenario.log" >&2; fail "[$plus] $scenario: the secret value was printed"
    fi
    if [ "$expected" = "none" ]; then
      [ "$status" -eq 0 ] || { cat "$app/$scenario.log" >&2; fail "[$plus] $scenario: expected a clean synth, exit $status"; }
      grep -rq 'pack-test-secret-value' "$out" && fail "[$plus] $scenario: the secret value was written"
      echo "  $scenario: synthesized, no findings"
    else
      [ "$status" -ne 0 ] || { cat "$app/$scenario.log" >&2; fail "[$plus] $scenario: expected $expected to fail the synth, but it passed"; }
      grep -q "\] $expected: " "$app/$scenario.log" || { cat "$app/$scenario.log" >&2; fail "[$plus] $scenario: expected a $expected finding"; }
      [ ! -e "$out" ] || [ -z "$(ls -A "$out")" ] || fail "[$plus] $scenario: files were written although a check failed"
      echo "  $scenario: $expected"
    fi
  done <<'EOF'
clean none
plus-secret secret-plaintext
kube-secret secret-plaintext
key-missing secret-key-missing
secret-namespace secret-namespace
namespace-collision namespace-matcher-collision
rule-not-selected rule-not-selected
flux-provider-namespace flux-provider-namespace
EOF
  cd "$repo"
}

test_with_plus cdk8s-plus-27 "$(pinned cdk8s-plus-27)"
test_with_plus cdk8s-plus-33 "$PLUS_33_VERSION"

echo "pack test passed"
