import { ModelObject } from '../../model/model-object';
import { alertmanagerTemplateFindings, describePosition, parseVersion, versionAtLeast } from '../../validation';
import { Check, Issue } from '../check';
import { Severity } from '../finding';
import { alertmanagersLoading, isBaseConfig } from '../lib/alertmanagers';

/**
 * The fields of each AlertmanagerConfig integration that Alertmanager renders as templates
 * (read from each notifier's `tmpl(...)` calls in Alertmanager's `notify/*`), in the CRD's
 * spelling. `a[].b` is field `b` of every element of list `a`.
 */
const TEMPLATED_FIELDS: Readonly<Record<string, readonly string[]>> = {
  slackConfigs: ['title', 'titleLink', 'pretext', 'text', 'fallback', 'footer', 'color', 'username', 'iconEmoji', 'iconURL', 'imageURL', 'thumbURL', 'callbackId', 'channel', 'messageText', 'fields[].title', 'fields[].value', 'actions[].text', 'actions[].url', 'actions[].name', 'actions[].value'],
  pagerdutyConfigs: ['description', 'client', 'clientURL', 'severity', 'class', 'component', 'group', 'source', 'details[].value', 'pagerDutyLinkConfigs[].href', 'pagerDutyLinkConfigs[].alt', 'pagerDutyImageConfigs[].src', 'pagerDutyImageConfigs[].alt', 'pagerDutyImageConfigs[].href'],
  opsgenieConfigs: ['message', 'description', 'source', 'priority', 'tags', 'note', 'entity', 'actions', 'details[].value', 'responders[].name', 'responders[].id', 'responders[].username'],
  emailConfigs: ['to', 'from', 'html', 'text', 'headers[].value'],
  msteamsConfigs: ['title', 'summary', 'text'],
  msteamsv2Configs: ['title', 'text'],
  discordConfigs: ['title', 'message', 'content'],
  telegramConfigs: ['message'],
  webexConfigs: ['message', 'roomID'],
  wechatConfigs: ['message', 'toUser', 'toParty', 'toTag', 'agentID'],
  victoropsConfigs: ['entityDisplayName', 'messageType', 'monitoringTool', 'routingKey', 'stateMessage', 'customFields[].value'],
  pushoverConfigs: ['title', 'message', 'url', 'urlTitle', 'device', 'sound', 'priority'],
  snsConfigs: ['subject', 'message', 'phoneNumber', 'targetARN', 'topicARN', 'apiURL'],
  rocketchatConfigs: ['title', 'titleLink', 'text', 'color', 'emoji', 'iconURL', 'imageURL', 'thumbURL', 'channel', 'fields[].title', 'fields[].value', 'actions[].text', 'actions[].url', 'actions[].msg'],
};

/** The (field path, template) pairs of one integration config. */
function templatedValues(config: Record<string, unknown>, fields: readonly string[]): Array<{ field: string; text: string }> {
  const out: Array<{ field: string; text: string }> = [];
  for (const f of fields) {
    const [list, sub] = f.split('[].');
    if (sub === undefined) {
      if (typeof config[f] === 'string') { out.push({ field: f, text: config[f] as string }); }
      continue;
    }
    const items = config[list];
    if (!Array.isArray(items)) { continue; }
    items.forEach((item, i) => {
      const v = (item as Record<string, unknown> | null)?.[sub];
      if (typeof v === 'string') { out.push({ field: `${list}[${i}].${sub}`, text: v }); }
    });
  }
  return out;
}

/** The oldest `spec.version` of the Alertmanagers that use `config`; undefined when unknown. */
function alertmanagerVersion(loading: readonly ModelObject[]): string | undefined {
  const versions = loading.map((am) => am.manifest.spec?.version as unknown);
  if (versions.length === 0 || versions.some((v) => typeof v !== 'string' || parseVersion(v) === undefined)) { return undefined; }
  return (versions as string[]).reduce((a, b) => (versionAtLeast(parseVersion(a)!, b) ? b : a));
}

export const receiverTemplate: Check = {
  id: 'receiver-template',
  severity: Severity.ERROR,
  title: 'A notification template Alertmanager cannot render',
  description: 'Alertmanager renders the title, text and similar fields of every notification as a Go text/template, with its own functions (`toUpper`, `join`, `safeHtml`, `reReplaceAll`...) and the notification data (`.Status`, `.Alerts`, `.CommonLabels`, `.GroupLabels`, `.CommonAnnotations`...). It parses them only when it sends, so a syntax error, an undefined function, an undefined variable (`$labels` exists in Prometheus rules, not here) or a function newer than the Alertmanager `spec.version` fails every notification of that receiver, while the configuration loads fine. Reading a field the data does not have (`.Labels` at the top level, where the group has `.CommonLabels`) is a warning: it fails when that part of the template runs.',
  failing: `apiVersion: monitoring.coreos.com/v1alpha1
kind: AlertmanagerConfig
metadata: { name: team, namespace: monitoring }
spec:
  route: { receiver: slack }
  receivers:
  - name: slack
    slackConfigs:
    - apiURL: { name: slack, key: url }
      title: "[{{ .Status | toUpper }}] {{ $labels.alertname }}"
`,
  fixed: `apiVersion: monitoring.coreos.com/v1alpha1
kind: AlertmanagerConfig
metadata: { name: team, namespace: monitoring }
spec:
  route: { receiver: slack }
  receivers:
  - name: slack
    slackConfigs:
    - apiURL: { name: slack, key: url }
      title: "[{{ .Status | toUpper }}] {{ .CommonLabels.alertname }}"
`,
  run({ model }) {
    const issues: Issue[] = [];
    for (const config of model.alertmanagerConfigs) {
      const receivers = config.manifest.spec?.receivers;
      if (!Array.isArray(receivers)) { continue; }
      const loading = [...alertmanagersLoading(model, config), ...model.alertmanagers.filter((am) => isBaseConfig(am, config))];
      const version = alertmanagerVersion(loading);
      receivers.forEach((receiver: Record<string, unknown> | null, ri: number) => {
        for (const [kind, fields] of Object.entries(TEMPLATED_FIELDS)) {
          const configs = receiver?.[kind];
          if (!Array.isArray(configs)) { continue; }
          configs.forEach((c: unknown, ci: number) => {
            if (typeof c !== 'object' || c === null) { return; }
            for (const { field, text } of templatedValues(c as Record<string, unknown>, fields)) {
              for (const f of alertmanagerTemplateFindings(text, { version })) {
                const where = f.message.startsWith('template error at') ? f.message : `${f.message} (at ${describePosition(text, f.offset)})`;
                issues.push({
                  object: config,
                  severity: f.severity === 'error' ? Severity.ERROR : Severity.WARNING,
                  message: `spec.receivers[${ri}] (${JSON.stringify(receiver?.name)}).${kind}[${ci}].${field}: ${where} (got ${JSON.stringify(text)})`,
                  fix: f.fix,
                });
              }
            }
          });
        }
      });
    }
    return issues;
  },
};
