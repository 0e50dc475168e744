#!/usr/bin/env node
// Regenerates imports/ with `cdk8s import`, one module (name prefix) per CRD so
// that imports of the same API group never overwrite each other.
//
//   node scripts/import-crds.js              # from ../shared/crds (identical copies of the URLs below)
//   node scripts/import-crds.js --upstream   # from the pinned upstream URLs
//
// Never edit imports/ by hand: change the pins here and run this script.
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const PROMETHEUS_OPERATOR = 'v0.93.0';
const NOTIFICATION_CONTROLLER = 'v1.9.3';
const KUSTOMIZE_CONTROLLER = 'v1.9.4';

const po = (f) => `https://raw.githubusercontent.com/prometheus-operator/prometheus-operator/${PROMETHEUS_OPERATOR}/example/prometheus-operator-crd/${f}`;
const nc = (f) => `https://raw.githubusercontent.com/fluxcd/notification-controller/${NOTIFICATION_CONTROLLER}/config/crd/bases/${f}`;
const kc = (f) => `https://raw.githubusercontent.com/fluxcd/kustomize-controller/${KUSTOMIZE_CONTROLLER}/config/crd/bases/${f}`;

/** module name => [file name, upstream URL] */
const CRDS = {
  'monitoring-alertmanagers': ['monitoring.coreos.com_alertmanagers.yaml', po],
  'monitoring-alertmanagerconfigs': ['monitoring.coreos.com_alertmanagerconfigs.yaml', po],
  'monitoring-prometheuses': ['monitoring.coreos.com_prometheuses.yaml', po],
  'monitoring-prometheusrules': ['monitoring.coreos.com_prometheusrules.yaml', po],
  'notification-alerts': ['notification.toolkit.fluxcd.io_alerts.yaml', nc],
  'notification-providers': ['notification.toolkit.fluxcd.io_providers.yaml', nc],
  'notification-receivers': ['notification.toolkit.fluxcd.io_receivers.yaml', nc],
  'kustomize-kustomizations': ['kustomize.toolkit.fluxcd.io_kustomizations.yaml', kc],
};

const upstream = process.argv.includes('--upstream');
const root = path.resolve(__dirname, '..');
const local = path.resolve(root, '..', 'shared', 'crds');
const out = path.join(root, 'imports');
fs.rmSync(out, { recursive: true, force: true });

for (const [name, [file, url]] of Object.entries(CRDS)) {
  const spec = upstream ? url(file) : path.join(local, file);
  if (!upstream && !fs.existsSync(spec)) {
    throw new Error(`${spec} not found: run with --upstream, or place the CRDs in ../shared/crds`);
  }
  execFileSync(process.execPath, [path.join(root, 'node_modules', 'cdk8s-cli', 'bin', 'cdk8s'), 'import', `${name}:=${spec}`, '--language', 'typescript', '--output', out, '--no-save', '--no-check-upgrade'], { stdio: 'inherit', cwd: root });
}
