/**
 * Stand-ins for secret values in the effective configuration.
 * @module
 */

/**
 * The default stand-in for a secret value: `https://secret.invalid/<ns>/<name>/<key>` for URL
 * fields (Alertmanager parses them, and `.invalid` never resolves), `<secret:<ns>/<name>/<key>>`
 * for the rest.
 */
export function secretPlaceholder(namespace: string, name: string, key: string, nativeField: string): string {
  return /url$/.test(nativeField) ? `https://secret.invalid/${namespace}/${name}/${key}` : `<secret:${namespace}/${name}/${key}>`;
}
