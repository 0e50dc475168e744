import { IConstruct } from 'constructs';
import { message, Problems } from '../_util/problems';
import { checkProps, fits, known, Shape, shape as s } from '../_util/shape';
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
   * Renders the receiver for the AlertmanagerConfig `scope`: one `spec.receivers` entry of
   * an AlertmanagerConfig (`monitoring.coreos.com/v1alpha1`), such as
   * `{ name, slackConfigs: [{ apiUrl: { name, key }, ... }] }`. (Typed `any` because the
   * generated CRD types are not part of the jsii API; this library's receivers check their
   * output against `AlertmanagerConfigSpecReceivers` of `imports/`.)
   * @param scope the routing config that uses the receiver.
   */
  bind(scope: IConstruct): any;
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
 * How messages name a receiver, which has no construct path: `SlackReceiver "team-a"`.
 * @internal
 */
export function receiverWhere(kind: string, name: unknown): string {
  return typeof name === 'string' ? `${kind} ${JSON.stringify(name)}` : kind;
}

/**
 * The shape of a receiver's props: `name`, `sendResolved` and the receiver's own `fields`.
 * @internal
 */
export function receiverProps(name: string, fields: Record<string, Shape>): Shape {
  return s.struct(name, {
    name: s.optional(s.string({ pattern: RECEIVER_NAME, patternText: 'must be a non-empty string without leading or trailing spaces', fix: `name the receiver, e.g. 'team-a-slack'` })),
    sendResolved: s.optional(s.boolean()),
    ...fields,
  });
}

/**
 * A receiver's destination: required, since a receiver without one drops every notification.
 * @internal
 */
export function destination(fix: string, of: Shape = known.secretKey): Shape {
  const missing = 'is required, since a receiver with no destination drops every notification';
  return {
    ...s.required(of, missing, fix),
    accepts: (v, field, out) => {
      if (Array.isArray(v) && v.length === 0) {
        out.push(message(field, v, missing, fix));
        return false;
      }
      return of.accepts(v, field, out);
    },
  };
}

/**
 * Checks a receiver's props before the receiver is built; `defaultName` is the name it gets
 * when `props.name` is left out.
 * @internal
 */
export function checkReceiverProps(kind: string, props: unknown, propsShape: Shape, defaultName?: string): void {
  const name = (props as { name?: unknown } | undefined)?.name ?? defaultName;
  checkProps(receiverWhere(kind, name), props, propsShape);
}

/**
 * Base class of the built-in receivers: checks the name.
 */
export abstract class Receiver implements IReceiver {
  public abstract readonly secretKeys: SecretKey[];

  protected constructor(public readonly name: string) {
    if (typeof name !== 'string' || !RECEIVER_NAME.test(name)) {
      const problems = new Problems(this.constructor.name);
      problems.add('name', name, 'must be a non-empty string without leading or trailing spaces', `name the receiver, e.g. 'lambda-webhook'`);
      problems.throwIfAny();
    }
  }

  public abstract bind(scope: IConstruct): any;
}

/**
 * Throws when a receiver was given no destination.
 * @internal
 */
export function requireDestination(receiver: string, name: string, field: string, value: unknown, fix: string): void {
  const problems = new Problems(receiverWhere(receiver, name));
  const missing = value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
  if (missing) {
    problems.add(field, value, 'is required, since a receiver with no destination drops every notification', fix);
  } else if (field !== 'to' && !fits(known.secretKey, value)) {
    // the value may be the secret itself: name its type only
    problems.add(field, typeof value, 'must be a SecretKey so the value stays out of Git', fix);
  }
  problems.throwIfAny();
}

/**
 * Throws when a templated field (title, text...) is not a template Alertmanager can render: a
 * syntax error, an undefined function or variable fails every notification of the receiver.
 * Lists every problem at once. The same check runs over the model (`receiver-template`), where
 * the Alertmanager's version is known.
 * @internal
 */
export function requireTemplates(receiver: string, name: string, fields: { readonly [field: string]: string | undefined }): void {
  const problems = new Problems(receiverWhere(receiver, name));
  problems.addMessages(Object.entries(fields).flatMap(([field, text]) => (typeof text === 'string' ? checkAlertmanagerTemplate(field, text) : [])));
  problems.throwIfAny();
}
