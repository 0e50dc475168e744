import { IConstruct } from 'constructs';
import { AlertmanagerConfigSpecReceivers } from '../../imports/monitoring-alertmanagerconfigs-monitoring.coreos.com';
import { SecretKey } from '../secret-key';
import { checkAlertmanagerTemplate } from '../validation';

/**
 * Where Alertmanager sends a notification: a named receiver with one integration.
 *
 * Routes take receiver objects; the routing config that uses a receiver renders it
 * by calling `bind()`.
 */
export interface IReceiver {
  /** The receiver's name inside its AlertmanagerConfig (the operator prefixes it with `<namespace>/<config>/`). */
  readonly name: string;

  /** The Secret keys this receiver reads, so the app can check they are reachable. */
  readonly secretKeys: SecretKey[];

  /**
   * Renders the receiver for the AlertmanagerConfig `scope`.
   * @param scope the routing config that uses the receiver.
   */
  bind(scope: IConstruct): AlertmanagerConfigSpecReceivers;
}

/**
 * Props every receiver takes.
 */
export interface ReceiverOptions {
  /**
   * Whether to notify when the alerts of a group are resolved.
   * @default true
   */
  readonly sendResolved?: boolean;
}

const RECEIVER_NAME = /^\S(.*\S)?$/;

/**
 * Base class of the built-in receivers: checks the name.
 */
export abstract class Receiver implements IReceiver {
  public abstract readonly secretKeys: SecretKey[];

  protected constructor(public readonly name: string) {
    if (typeof name !== 'string' || !RECEIVER_NAME.test(name)) {
      throw new Error(`${this.constructor.name}: name ${JSON.stringify(name)} must be a non-empty string without leading or trailing spaces. Fix: name the receiver, e.g. 'lambda-webhook'`);
    }
  }

  public abstract bind(scope: IConstruct): AlertmanagerConfigSpecReceivers;
}

/**
 * Throws when a receiver was given no destination.
 * @internal
 */
export function requireDestination(receiver: string, name: string, field: string, value: unknown, fix: string): void {
  const missing = value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
  if (missing) {
    throw new Error(`${receiver} '${name}': ${field} is required, since a receiver with no destination drops every notification (got ${JSON.stringify(value) ?? 'undefined'}). Fix: ${fix}`);
  }
  if (field !== 'to' && !(value instanceof SecretKey)) {
    throw new Error(`${receiver} '${name}': ${field} must be a SecretKey so the value stays out of Git (got ${typeof value}). Fix: ${fix}`);
  }
}

/**
 * Throws when a templated field (title, text...) is not a template Alertmanager can render: a
 * syntax error, an undefined function or variable fails every notification of the receiver.
 * Lists every problem at once. The same check runs over the model (`receiver-template`), where
 * the Alertmanager's version is known.
 * @internal
 */
export function requireTemplates(receiver: string, name: string, fields: { readonly [field: string]: string | undefined }): void {
  const problems = Object.entries(fields).flatMap(([field, text]) => (typeof text === 'string' ? checkAlertmanagerTemplate(field, text) : []));
  if (problems.length === 1) {
    throw new Error(`${receiver} '${name}': ${problems[0]}`);
  }
  if (problems.length > 1) {
    throw new Error(`${receiver} '${name}': ${problems.length} problems:\n  - ${problems.join('\n  - ')}`);
  }
}
