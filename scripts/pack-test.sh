#!/usr/bin/env bash
# `npm run test:pack`: the package as a user gets it.
#
# 1. Builds, runs `npm pack`, and checks the tarball holds only package.json, README.md,
#    LICENSE and the compiled dist/lib and dist/imports (.js and .d.ts): no tests, snapshots,
#    examples, benchmarks, scripts or TypeScript sources.
# 2. Installs the tarball into a fresh directory outside the repository, with cdk8s,
#    cdk8s-plus-27, constructs and cdk8s-cli at the versions pinned in devDependencies
#    (`npm install --prefer-offline`: the npm cache is used when it has them).
# 3. Compiles a small TypeScript app that imports the constructs from 'cdk8s-alerting' (with
#    the repository's tsc, against the installed .d.ts files), runs `cdk8s synth`, and checks
#    the manifests have the expected kinds.
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
deps=(
  "cdk8s@$(pinned cdk8s)"
  "cdk8s-plus-27@$(pinned cdk8s-plus-27)"
  "constructs@$(pinned constructs)"
  "cdk8s-cli@$(pinned cdk8s-cli)"
)

echo "== install into $work/app with ${deps[*]}"
mkdir -p "$work/app"
cd "$work/app"
cat > package.json <<'EOF'
{ "name": "pack-test-app", "version": "0.0.0", "private": true }
EOF
npm install --prefer-offline --no-audit --no-fund --loglevel=error "$tarball" "${deps[@]}"

installed="$(node -p "require('cdk8s-alerting/package.json').version")"
echo "installed cdk8s-alerting $installed"

cat > main.ts <<'EOF'
import { App, Chart, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
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

echo "== compile with the repository's tsc against the installed typings"
"$repo/node_modules/.bin/tsc" --strict --noImplicitAny --target ES2022 --module commonjs --moduleResolution node10 \
  --esModuleInterop --skipLibCheck --types node --typeRoots "$repo/node_modules/@types" main.ts

cat > cdk8s.yaml <<'EOF'
language: typescript
app: node main.js
output: dist
EOF

echo "== cdk8s synth"
./node_modules/.bin/cdk8s synth --check-upgrade false

echo "== check the manifests"
node - <<'EOF'
const fs = require('fs');
const path = require('path');
const YAML = require('yaml');
const files = fs.readdirSync('dist').filter((f) => f.endsWith('.yaml'));
const docs = files.flatMap((f) => YAML.parseAllDocuments(fs.readFileSync(path.join('dist', f), 'utf8')).map((d) => d.toJS()));
const kinds = [...new Set(docs.map((d) => `${d.apiVersion}/${d.kind}`))].sort();
const expected = [
  'kustomize.toolkit.fluxcd.io/v1/Kustomization',
  'monitoring.coreos.com/v1/Alertmanager',
  'monitoring.coreos.com/v1/Prometheus',
  'monitoring.coreos.com/v1/PrometheusRule',
  'monitoring.coreos.com/v1alpha1/AlertmanagerConfig',
  'notification.toolkit.fluxcd.io/v1beta3/Alert',
  'notification.toolkit.fluxcd.io/v1beta3/Provider',
  'v1/ConfigMap', // the AlertingStack's Grafana dashboards
];
if (JSON.stringify(kinds) !== JSON.stringify(expected)) {
  console.error(`expected kinds ${expected.join(', ')}\ngot ${kinds.join(', ')}`);
  process.exit(1);
}
const rule = docs.find((d) => d.kind === 'PrometheusRule');
if (rule.spec.groups[0].rules[0].expr !== 'vector(1)') { console.error('the Watchdog rule is missing'); process.exit(1); }
if (docs.some((d) => d.kind === 'Secret')) { console.error('a Secret was synthesized'); process.exit(1); }
console.log(`${files.length} files, ${docs.length} manifests: ${kinds.join(', ')}`);
EOF

echo "pack test passed"
