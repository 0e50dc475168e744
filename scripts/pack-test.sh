#!/usr/bin/env bash
# `npm run test:pack`: the package as a user gets it.
#
# 1. `npm pack` (its prepack cleans dist/, builds, and stages the examples and rule packs with
#    scripts/stage-package.js; inside `npm test`, which has just made that clean build, it reuses
#    it: scripts/prepack.js), then checks the tarball against an allow-list: package.json,
#    README.md, LICENSE, API.md, CHANGELOG.md, BENCHMARKS.md, docs/checks.md, the compiled
#    dist/lib and dist/imports (.js and .d.ts), the example sources (dist/examples-src) and the
#    rule packs (dist/rule-packs); no tests, snapshots, benchmarks, scripts or library sources.
#    Every file the README links to is in it; package.json names repository, homepage and bugs,
#    and depends on no cdk8s-plus.
# 2. A project made by the real `cdk8s init typescript-app` (the cdk8s-cli pinned in
#    devDependencies; it writes cdk8s-plus-33). Without internet the template's post-install
#    hook stops at `npm run import` (`cdk8s import k8s` downloads the Kubernetes schema from
#    GitHub; the template's main.ts does not use it), so the test then runs the hook's compile
#    step itself (see below for the other two). Then it replays the README's quick start
#    word for word, read from README.md between `<!-- quick-start:... -->` markers: the install
#    line (with the tarball for the package name), main.ts, cdk8s.yaml (which must equal the one
#    init wrote), and the commands (the template's `npm test` with ts-jest, `npx cdk8s synth`
#    with ts-node). It asserts `npm ls` is clean (no peer conflict, no missing peer), there is no
#    cdk8s-plus-27 and no second cdk8s-plus, and no package with an install script came in.
#    Then: `secret-plaintext` fails the synth on a cdk8s-plus-33 Secret with data (nothing
#    written, the value never printed); the README's compiled cdk8s.yaml (`node main.js`) with
#    its `publishDir` line works; and the check scenarios below run with cdk8s-plus-33.
# 3. A plain app with cdk8s-plus-27 (what we build with) and cdk8s, constructs and cdk8s-cli at
#    the versions pinned in devDependencies: a small AlertingStack app, the shipped examples
#    compiled and synthesized as they are in the package, promtool over the shipped rule packs
#    (when promtool is installed), and the check scenarios.
# Scenarios (scripts/pack-app/scenarios.ts): one broken stack per check, with Secrets made by
# that cdk8s-plus (its Secret, its raw KubeSecret) or by name, on a plain cdk8s App. Each must
# fail the synth with its check's finding, write nothing, and never print the secret value.
#
# KEEP=1 keeps the temporary directory for inspection. Installs use the npm cache first
# (--prefer-offline).
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/cdk8s-alerting-pack-XXXXXX")"
cleanup() {
  if [ "${KEEP:-}" = "1" ]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
fail() { echo "pack test: $*" >&2; exit 1; }
export npm_config_prefer_offline=true npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

cd "$repo"
echo "== npm pack (prepack: clean build$([ "${CDK8S_ALERTING_PACK_PREBUILT:-}" = 1 ] && echo ", npm test's when it is current"), examples and rule packs staged)"
npm pack --json --pack-destination "$work" > "$work/pack.json"
tarball="$work/$(node -p "require('$work/pack.json')[0].filename")"
[ -f "$tarball" ] || fail "npm pack did not write a tarball"

echo "== tarball contents"
tar -tzf "$tarball" | sort > "$work/contents.txt"
echo "$(wc -l < "$work/contents.txt") files, $(du -k "$tarball" | cut -f1) KiB packed"
# Everything must be one of these; anything else (tests, snapshots, bench, scripts, library
# .ts sources, source maps, tsconfig, the compiled examples) fails.
# node_modules/: the runtime dependencies, bundled (package.json bundledDependencies) as jsii
# requires for dependencies that are no jsii modules.
allowed='^package/((package\.json|README\.md|LICENSE|API\.md|CHANGELOG\.md|BENCHMARKS\.md|docs/(checks|tooling-api)\.md|\.jsii|tooling\.(js|d\.ts))|dist/(lib|imports)/.+(\.d\.ts|\.js)|dist/examples-src/.+\.(ts|md)|dist/rule-packs/[^/]+\.(yaml|md)|node_modules/(@lezer/(common|highlight|lr)|@prometheus-io/lezer-promql|re2js|yaml)/.+)$'
if grep -Ev "$allowed" "$work/contents.txt" > "$work/unexpected.txt"; then
  cat "$work/unexpected.txt" >&2
  fail "the tarball holds files it should not (listed above)"
fi
# A .ts that is not .d.ts is a source: only the examples ship as sources.
if grep -E '\.ts$' "$work/contents.txt" | grep -Ev '\.d\.ts$' | grep -v '^package/dist/examples-src/' | grep -v '^package/node_modules/' > "$work/sources.txt"; then
  cat "$work/sources.txt" >&2
  fail "the tarball holds TypeScript sources of the library"
fi
required=(
  package/package.json package/README.md package/LICENSE package/API.md package/CHANGELOG.md package/docs/checks.md
  package/.jsii package/docs/tooling-api.md package/tooling.js package/tooling.d.ts package/dist/lib/tooling.js package/dist/lib/tooling.d.ts
  package/dist/lib/index.js package/dist/lib/index.d.ts package/dist/lib/cli/main.js package/dist/lib/plugin/validation-plugin.js
  package/dist/lib/rule-packs/alerting-rule-packs.js package/dist/imports/monitoring-prometheusrules-monitoring.coreos.com.js
  package/dist/examples-src/README.md package/dist/examples-src/main.ts package/dist/examples-src/first-article.ts
  package/dist/examples-src/second-article.ts package/dist/examples-src/webhook-receiver.ts package/dist/examples-src/fleet/main.ts
  package/dist/rule-packs/README.md package/dist/rule-packs/packs.yaml package/dist/rule-packs/packs-default-selectors.yaml
)
for f in "$repo"/test/rule-packs/promtool/*.test.yaml; do required+=("package/dist/rule-packs/$(basename "$f")"); done
for f in "${required[@]}"; do
  grep -qx "$f" "$work/contents.txt" || fail "the tarball lacks ${f#package/}"
done
for forbidden in test/ __snapshots__ examples/ bench/ scripts/ lib/ dist/examples/ dist/bench dist/test; do
  if grep -q "^package/$forbidden" "$work/contents.txt"; then fail "the tarball holds $forbidden"; fi
done
# Every file the README links to is in the package (repository examples ship as dist/examples-src).
node -e '
  const fs = require("fs");
  const readme = fs.readFileSync(process.argv[1], "utf8");
  const contents = new Set(fs.readFileSync(process.argv[2], "utf8").split("\n"));
  const links = [...readme.matchAll(/\]\(([^)#:]+)(#[^)]*)?\)/g)].map((m) => m[1]);
  const missing = [...new Set(links)].filter((l) => !contents.has(`package/${l.replace(/^examples\//, "dist/examples-src/")}`));
  if (missing.length) { console.error(`README links to files the package lacks: ${missing.join(", ")}`); process.exit(1); }
  console.log(`README links: ${new Set(links).size} files, all in the package`);
' "$repo/README.md" "$work/contents.txt"
tar -xzf "$tarball" -C "$work" package/package.json
node -e '
  const p = require(process.argv[1]);
  const problems = [];
  if (!/^git\+https:\/\/github\.com\/.+\.git$/.test(p.repository && p.repository.url || "")) problems.push("repository.url");
  if (!/^https:\/\//.test(p.homepage || "")) problems.push("homepage");
  if (!/^https:\/\//.test(p.bugs && p.bugs.url || "")) problems.push("bugs.url");
  const runtime = Object.keys({ ...p.dependencies, ...p.peerDependencies, ...p.optionalDependencies });
  if (runtime.some((d) => d.startsWith("cdk8s-plus"))) problems.push(`a cdk8s-plus at run time: ${runtime.join(", ")}`);
  if (problems.length) { console.error(`package.json: ${problems.join("; ")}`); process.exit(1); }
  console.log(`package.json: repository ${p.repository.url}; peers ${JSON.stringify(p.peerDependencies)}`);
' "$work/package/package.json"

pinned() { node -p "require('$repo/package.json').devDependencies['$1']"; }
readme_block() { node "$repo/scripts/pack-app/readme-block.js" "$repo/README.md" "$1"; }
# Packages of the project in the working directory that run an install script.
install_scripts() { npm query ':attr(scripts, [preinstall]), :attr(scripts, [install]), :attr(scripts, [postinstall])' | node -p 'JSON.parse(require("fs").readFileSync(0, "utf8")).map((p) => `${p.name}@${p.version}`).sort().join(" ")'; }

# The check scenarios in the app in the working directory, with cdk8s-plus `$1`.
run_scenarios() {
  local plus="$1" app="$PWD"
  sed "s/cdk8s-plus-XX/$plus/" "$repo/scripts/pack-app/scenarios.ts" > scenarios.ts
  "$repo/node_modules/.bin/tsc" --strict --noImplicitAny --target ES2022 --module commonjs --moduleResolution node10 \
    --esModuleInterop --skipLibCheck --types node --typeRoots "$repo/node_modules/@types" scenarios.ts
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
by-name none
plus-secret secret-plaintext
kube-secret secret-plaintext
key-missing secret-key-missing
secret-namespace secret-namespace
namespace-collision namespace-matcher-collision
rule-not-selected rule-not-selected
flux-provider-namespace flux-provider-namespace
EOF
}

# ---------------------------------------------------------------------------------------------
# 2. A project made by `cdk8s init typescript-app`, and the README's quick start in it.
init_app="$work/init-app"
mkdir -p "$init_app"
cd "$init_app"
echo "== cdk8s init typescript-app (cdk8s-cli $(pinned cdk8s-cli)) in $init_app"
t0="$(now)"
set +e
"$repo/node_modules/.bin/cdk8s" init typescript-app > "$work/init.log" 2>&1
status=$?
set -e
if [ "$status" -ne 0 ]; then
  # Only the schema download may fail: everything before it (files, npm install) must have worked.
  if ! grep -q 'Command failed: npm run import' "$work/init.log" || ! grep -q 'Could not find a schema for k8s' "$work/init.log"; then
    cat "$work/init.log" >&2; fail "cdk8s init failed (exit $status), and not at the k8s schema download"
  fi
  [ -f main.ts ] && [ -f main.test.ts ] && [ -d node_modules/cdk8s-plus-33 ] || { cat "$work/init.log" >&2; fail "cdk8s init did not create the project"; }
  # The hook's other steps: `npm run compile` leaves main.js and main.d.ts beside main.ts, as in
  # a real project, so it runs; `npm run test -- -u` and `npm run synth` of the empty template
  # change nothing the quick start keeps (it records the snapshot again; synth empties dist/).
  echo "note: cdk8s init could not download the k8s schema (no internet; its main.ts does not use imports/); running the hook's compile step"
  npm run --silent compile
  [ -f main.js ] && [ -f main.d.ts ] || fail "npm run compile did not write main.js and main.d.ts"
fi
echo "[init] project ready in $(since "$t0") s: cdk8s $(node -p "require('cdk8s/package.json').version"), cdk8s-plus-33 $(node -p "require('cdk8s-plus-33/package.json').version"), constructs $(node -p "require('constructs/package.json').version"), typescript $(node -p "require('typescript/package.json').version"), ts-node $(node -p "require('ts-node/package.json').version")"
scripts_before="$(install_scripts)"

echo "== [init] README install"
readme_block install > "$work/install.sh"
cat "$work/install.sh"
[ "$(head -n 1 "$work/install.sh")" = "cdk8s init typescript-app" ] || fail "the README's install block does not start with 'cdk8s init typescript-app' (what this test ran)"
tail -n +2 "$work/install.sh" | sed "s#\(npm install .*\)cdk8s-alerting#\1$tarball#" > "$work/install-tarball.sh"
grep -q "$tarball" "$work/install-tarball.sh" || fail "the README's install block does not install cdk8s-alerting"
bash -euo pipefail "$work/install-tarball.sh" > "$work/install.log" 2>&1 || { cat "$work/install.log" >&2; fail "the README's install command failed"; }
if grep -Ei 'peer|ERESOLVE|conflict' "$work/install.log"; then fail "npm warned about peer dependencies while installing the package"; fi
npm ls --all > "$work/ls.txt" 2>&1 || { cat "$work/ls.txt" >&2; fail "npm ls reports problems (a missing or invalid peer?)"; }
grep -q 'cdk8s-alerting@' "$work/ls.txt" || fail "npm ls does not list cdk8s-alerting"
if grep -q 'cdk8s-plus-27' "$work/ls.txt"; then grep 'cdk8s-plus' "$work/ls.txt" >&2; fail "cdk8s-plus-27 was installed"; fi
plus_versions="$(grep -o 'cdk8s-plus-[0-9]*@[0-9.]*' "$work/ls.txt" | sort -u | tr '\n' ' ')"
[ "$(grep -o 'cdk8s-plus-[0-9]*@' "$work/ls.txt" | sort -u | wc -l)" -eq 1 ] && [ "$(echo "$plus_versions" | wc -w)" -eq 1 ] || fail "more than one cdk8s-plus: $plus_versions"
scripts_after="$(install_scripts)"
[ "$scripts_after" = "$scripts_before" ] || fail "installing the package added install scripts: before [$scripts_before], after [$scripts_after]"
echo "[init] npm ls clean; cdk8s-plus: $plus_versions; install scripts: ${scripts_after:-none}"

echo "== [init] README main.ts and cdk8s.yaml"
readme_block main.ts > main.ts
readme_block cdk8s.yaml > "$work/readme-cdk8s.yaml"
diff -u cdk8s.yaml "$work/readme-cdk8s.yaml" || fail "the README's cdk8s.yaml differs from the one cdk8s init wrote (diff above)"
cp "$work/readme-cdk8s.yaml" cdk8s.yaml

echo "== [init] README commands"
readme_block run > "$work/run.sh"
timing=()
while IFS= read -r line; do
  [ -n "${line%%#*}" ] || continue
  echo "\$ $line"
  t0="$(now)"
  bash -euo pipefail -c "$line" > "$work/run.log" 2>&1 || { cat "$work/run.log" >&2; fail "README command failed: $line"; }
  timing+=("${line%%#*}: $(since "$t0") s")
  if grep -q 'pack-test-secret-value' "$work/run.log"; then fail "a secret value was printed"; fi
done < "$work/run.sh"
printf '  %s\n' "${timing[@]}"
grep -q '"kind": "AlertmanagerConfig"' __snapshots__/main.test.ts.snap || fail "the template's snapshot does not hold the quick start's chart"
node "$repo/scripts/pack-app/check-manifests.js" dist quick-start

echo "== [init] secret-plaintext on a cdk8s-plus-33 Secret with data"
{
  echo "import { Secret } from 'cdk8s-plus-33';"
  sed "s#^\(    super(scope, id, .*\)\$#\1\n    new Secret(this, 'Leaked', { metadata: { name: 'alertmanager-lambda' }, stringData: { url: 'https://lambda.invalid/pack-test-secret-value' } });#" main.ts
} > plaintext.ts
grep -q "new Secret(this, 'Leaked'" plaintext.ts || fail "could not add the Secret to the quick start"
set +e
npx cdk8s synth --app 'npx ts-node plaintext.ts' > "$work/plaintext.log" 2>&1
status=$?
set -e
[ "$status" -ne 0 ] || { cat "$work/plaintext.log" >&2; fail "a cdk8s-plus-33 Secret with data did not fail the synth"; }
grep -q '\] secret-plaintext: ' "$work/plaintext.log" || { cat "$work/plaintext.log" >&2; fail "no secret-plaintext finding for the cdk8s-plus-33 Secret"; }
grep -q 'pack-test-secret-value' "$work/plaintext.log" && fail "the secret value was printed"
[ -z "$(find dist -type f 2>/dev/null)" ] || fail "files were written although secret-plaintext failed the synth"
echo "  $(grep -o '\[[^]]*\] secret-plaintext: [^.]*' "$work/plaintext.log" | head -n 1)"
rm plaintext.ts

echo "== [init] README: compiled app (node main.js) publishing to publishDir"
readme_block cdk8s.compiled.yaml > cdk8s.yaml
publish_line="$(readme_block publish)"
grep -q '^const app = new AlertingApp();$' main.ts || fail "the quick start has no 'const app = new AlertingApp();' line to replace"
publish_dir="$(node -e 'const m = /publishDir: (["'\''])(.*?)\1/.exec(process.argv[1]); if (!m) process.exit(1); console.log(m[2]);' "$publish_line")" || fail "no publishDir in: $publish_line"
sed -i "s#^const app = new AlertingApp();\$#$publish_line#" main.ts
rm -rf dist
t0="$(now)"; npm run --silent compile; compile_s="$(since "$t0")"
t0="$(now)"; npx cdk8s synth > "$work/compiled.log" 2>&1 || { cat "$work/compiled.log" >&2; fail "synth of the compiled app failed"; }
synth_s="$(since "$t0")"
node "$repo/scripts/pack-app/check-manifests.js" "$init_app/$publish_dir" quick-start
echo "  npm run compile: $compile_s s; npx cdk8s synth (node main.js): $synth_s s; published to $publish_dir"

run_scenarios cdk8s-plus-33

# ---------------------------------------------------------------------------------------------
# 3. A plain app with cdk8s-plus-27, the shipped examples and rule packs.
plus=cdk8s-plus-27
app="$work/app-$plus"
base_deps=("cdk8s@$(pinned cdk8s)" "constructs@$(pinned constructs)" "cdk8s-cli@$(pinned cdk8s-cli)" "$plus@$(pinned $plus)")
echo "== [$plus] install into $app with ${base_deps[*]}"
mkdir -p "$app"
cd "$app"
cat > package.json <<'EOF'
{ "name": "pack-test-app", "version": "0.0.0", "private": true }
EOF
npm install --loglevel=error "$tarball" "${base_deps[@]}"
npm ls --all > "$work/ls-27.txt" 2>&1 || { cat "$work/ls-27.txt" >&2; fail "[$plus] npm ls reports problems"; }
echo "[$plus] installed cdk8s-alerting $(node -p "require('cdk8s-alerting/package.json').version"), $plus $(node -p "require('$plus/package.json').version")"

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
tsc_app() {
  "$repo/node_modules/.bin/tsc" --strict --noImplicitAny --target ES2022 --module commonjs --moduleResolution node10 \
    --esModuleInterop --skipLibCheck --types node --typeRoots "$repo/node_modules/@types" "$@"
}
echo "== [$plus] compile with the repository's tsc against the installed typings"
tsc_app main.ts
cat > cdk8s.yaml <<'EOF'
language: typescript
app: node main.js
output: dist
EOF
echo "== [$plus] cdk8s synth"
./node_modules/.bin/cdk8s synth --check-upgrade false
node "$repo/scripts/pack-app/check-manifests.js" dist quick-app

echo "== [$plus] cdk8s synth with the README's validation plugin block (the package's main entry)"
{ cat cdk8s.yaml; readme_block validations; } > cdk8s-plugin.yaml
cp cdk8s.yaml cdk8s-plain.yaml && cp cdk8s-plugin.yaml cdk8s.yaml
./node_modules/.bin/cdk8s synth --check-upgrade false > "$work/plugin.log" 2>&1 || { cat "$work/plugin.log" >&2; fail "[$plus] cdk8s synth with the README's validations block failed"; }
grep -q 'Validations ended succesfully' "$work/plugin.log" || { cat "$work/plugin.log" >&2; fail "[$plus] the README's validation plugin did not run"; }
cp cdk8s-plain.yaml cdk8s.yaml
echo "  the plugin loaded from ./node_modules/cdk8s-alerting and passed the app"

echo "== [$plus] the shipped examples, compiled as they are in the package"
shipped="node_modules/cdk8s-alerting/dist/examples-src"
tsc_app --rootDir "$shipped" --outDir examples-out $(find "$shipped" -name '*.ts' | sort)
node examples-out/main.js > "$work/examples.log" 2>&1 || { cat "$work/examples.log" >&2; fail "[$plus] the shipped examples did not synthesize"; }
echo "  $(find dist -maxdepth 1 -name '*.k8s.yaml' | wc -l) files from examples/main (first and second article)"

echo "== [$plus] promtool over the shipped rule packs"
if command -v promtool > /dev/null; then
  (
    cd node_modules/cdk8s-alerting/dist/rule-packs
    promtool check rules packs.yaml packs-default-selectors.yaml > "$work/promtool.log" 2>&1 || { cat "$work/promtool.log" >&2; exit 1; }
    for t in *.test.yaml; do
      promtool test rules "$t" > "$work/promtool.log" 2>&1 || { cat "$work/promtool.log" >&2; echo "promtool test rules $t failed" >&2; exit 1; }
    done
    echo "  promtool check rules and test rules: $(ls *.test.yaml | wc -l) test files pass"
  ) || fail "[$plus] the shipped rule packs fail promtool"
elif [ "${CI:-}" = "true" ]; then
  fail "promtool is not installed (CI=true requires it)"
else
  echo "  SKIPPED: promtool is not installed"
fi

run_scenarios "$plus"
cd "$repo"

echo "pack test passed"
