import { checkTimePeriod } from '../../validation/time-interval';
import { Check, Issue } from '../check';
import { Severity } from '../finding';

/** `field: what (got value). Fix: how`, the lib/validation format, split into message and fix. */
function split(problem: string): { message: string; fix: string } {
  const at = problem.lastIndexOf('. Fix: ');
  return at < 0 ? { message: problem, fix: 'correct the value' } : { message: problem.slice(0, at), fix: problem.slice(at + '. Fix: '.length) };
}

export const timeIntervalInvalid: Check = {
  id: 'time-interval-invalid',
  severity: Severity.ERROR,
  title: 'A time interval the API server or the operator rejects',
  description: 'Time intervals (`spec.muteTimeIntervals[].timeIntervals[]`) take lower-case weekday names joined by `:` (`monday:friday`, not `monday-friday`; the CRD\'s pattern lets only the first name be capitalised), times as `HH:MM` with two-digit hours (`09:00`, not `9:00`), months by name or number, years from 2000, and ranges that run forwards. The API server refuses a value outside the CRD\'s patterns (so the whole object, and the Flux Kustomization applying it, fail); prometheus-operator refuses a backwards range, a time range that wraps past midnight or a day of the month without both ends, and skips the whole AlertmanagerConfig, so none of its routes run.',
  failing: `apiVersion: monitoring.coreos.com/v1alpha1
kind: AlertmanagerConfig
metadata: { name: team, namespace: monitoring }
spec:
  route: { receiver: hook, muteTimeIntervals: [office-hours] }
  receivers: [{ name: hook, webhookConfigs: [{ urlSecret: { name: hook, key: url } }] }]
  muteTimeIntervals:
    - name: office-hours
      timeIntervals:
        - weekdays: [monday-friday]
          times: [{ startTime: "9:00", endTime: "17:00" }]
`,
  fixed: `apiVersion: monitoring.coreos.com/v1alpha1
kind: AlertmanagerConfig
metadata: { name: team, namespace: monitoring }
spec:
  route: { receiver: hook, muteTimeIntervals: [office-hours] }
  receivers: [{ name: hook, webhookConfigs: [{ urlSecret: { name: hook, key: url } }] }]
  muteTimeIntervals:
    - name: office-hours
      timeIntervals:
        - weekdays: ["monday:friday"]
          times: [{ startTime: "09:00", endTime: "17:00" }]
`,
  run({ model }) {
    const issues: Issue[] = [];
    for (const config of model.alertmanagerConfigs) {
      const intervals = config.manifest.spec?.muteTimeIntervals;
      if (!Array.isArray(intervals)) { continue; }
      intervals.forEach((mti: unknown, i: number) => {
        const periods = (mti as { timeIntervals?: unknown } | null)?.timeIntervals;
        if (!Array.isArray(periods)) { return; }
        periods.forEach((p: unknown, j: number) => {
          if (typeof p !== 'object' || p === null) { return; }
          for (const problem of checkTimePeriod(`spec.muteTimeIntervals[${i}].timeIntervals[${j}]`, p)) {
            issues.push({ object: config, ...split(problem) });
          }
        });
      });
    }
    return issues;
  },
};
