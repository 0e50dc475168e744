import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { Alert, AlertSpecEventSeverity, AlertSpecEventSourcesKind } from '../../imports/notification-alerts-notification.toolkit.fluxcd.io';
import { checkObjectMeta, defaultName, objectMeta } from '../_util/metadata';
import { plainMap, Problems } from '../_util/problems';
import { checkConstruct, known, metaFields, shape as s } from '../_util/shape';
import { attachToApp } from '../hook/app-hook';
import { checkDns1123Label, checkGoRegex, checkLabelKey, checkLabelName, checkLabelValue, goRegexMatchesEverything } from '../validation';
import { FluxEventSource, FluxSourceKind } from './event-source';
import { IFluxProvider } from './provider';

/**
 * The lowest severity of events an Alert forwards.
 */
export enum FluxEventSeverity {
  /** Every event, errors included. */
  INFO = 'info',
  /** Only error events. */
  ERROR = 'error',
}

/**
 * Props of {@link FluxAlert}.
 */
export interface FluxAlertProps {
  /**
   * The Alert's name.
   * @default - the construct id without `alert`, kebab-cased (`AppEvents` → `app-events`),
   * else the Provider's name, as the Flux docs pair them (README "Default names")
   */
  readonly name?: string;
  /**
   * The namespace. It must be the Provider's: `providerRef` cannot cross namespaces.
   * @default - the Provider's namespace
   */
  readonly namespace?: string;
  /** The Provider that delivers the events. */
  readonly provider: IFluxProvider;
  /**
   * The lowest severity forwarded. One value: `info` forwards errors too.
   * @default FluxEventSeverity.INFO
   */
  readonly eventSeverity?: FluxEventSeverity;
  /** The objects whose events are forwarded. */
  readonly eventSources: FluxEventSource[];
  /**
   * Go regexes; an event is forwarded only if its message matches one.
   * @default - every message
   */
  readonly inclusionList?: string[];
  /**
   * Go regexes; an event whose message matches one is dropped.
   * @default - none dropped
   */
  readonly exclusionList?: string[];
  /**
   * Metadata added to every event, e.g. `{ cluster: 'eu-1' }`. The alertmanager provider
   * turns it into alert labels.
   * @default - none
   */
  readonly eventMetadata?: { [key: string]: string };
  /**
   * Whether the Alert is suspended.
   * @default false
   */
  readonly suspend?: boolean;
}

const KINDS = new Set<string>(Object.values(FluxSourceKind));

/** @internal */
export const EVENT_SOURCE = s.struct('FluxEventSource', {
  // an unknown kind is reported with the Alert's other problems
  kind: s.oneOf(FluxSourceKind, 'FluxSourceKind', { strict: false }),
  name: s.optional(s.string({ fix: `use '*' for every object of the kind, or the object's name` })),
  namespace: s.optional(s.string({ fix: `use the objects' namespace, e.g. 'flux-system', or leave it out` })),
  matchLabels: s.optional(s.map()),
});
const REGEXES = s.optional(s.list(s.string({ fix: `pass Go regexes as strings, e.g. ['^Dependencies do not meet'], or leave it out` })));
/** @internal */
export const ALERT_FIELDS = {
  name: metaFields.name, namespace: metaFields.namespace,
  // provider and eventSources are required: reported with the Alert's other problems when missing
  provider: s.optional(known.fluxProvider),
  eventSources: s.optional(s.list(EVENT_SOURCE)),
  // a list, or an unknown severity, is reported with the Alert's other problems
  eventSeverity: s.any(),
  inclusionList: REGEXES, exclusionList: REGEXES,
  eventMetadata: s.optional(s.map()),
  suspend: s.optional(s.boolean()),
};
const PROPS = s.struct('FluxAlertProps', ALERT_FIELDS);

/**
 * Forwards Flux events to a Provider (`notification.toolkit.fluxcd.io/v1beta3` Alert).
 */
export class FluxAlert extends Construct {
  /** The generated Alert. */
  public readonly resource: ApiObject;
  /** The namespace. */
  public readonly namespace: string;
  /** The Provider. */
  public readonly provider: IFluxProvider;
  /** The lowest severity forwarded. */
  public readonly eventSeverity: FluxEventSeverity;
  /** The event sources, with defaults filled in. */
  public readonly eventSources: FluxEventSource[];
  /** The event metadata. */
  public readonly eventMetadata: { [key: string]: string };

  constructor(scope: Construct, id: string, props: FluxAlertProps) {
    checkConstruct(new.target.name, scope, id, props, PROPS);
    super(scope, id);
    const problems = new Problems(this);
    this.provider = props.provider;
    this.namespace = props.namespace ?? props.provider?.namespace ?? Chart.of(this).namespace ?? 'flux-system';
    this.eventSeverity = props.eventSeverity ?? FluxEventSeverity.INFO;
    this.eventMetadata = { ...props.eventMetadata };
    checkObjectMeta(problems, props.name, this.namespace);
    if (!props.provider) {
      problems.add('provider', props.provider, 'an Alert needs a Provider', 'pass provider: <an AlertmanagerProvider, SlackProvider, ...>');
    }
    if (Array.isArray(props.eventSeverity)) {
      problems.add('eventSeverity', props.eventSeverity, 'takes one value, not a list (some articles show a list, which the API rejects)', `use FluxEventSeverity.ERROR for errors only, or FluxEventSeverity.INFO for everything`);
    } else if (!Object.values(FluxEventSeverity).includes(this.eventSeverity)) {
      problems.add('eventSeverity', props.eventSeverity, 'is not a severity Flux knows (it has only info and error)', 'use FluxEventSeverity.ERROR or FluxEventSeverity.INFO');
    }
    if (!props.eventSources?.length) {
      problems.add('eventSources', props.eventSources, 'an Alert needs at least one event source', `add e.g. { kind: FluxSourceKind.KUSTOMIZATION }`);
    }
    this.eventSources = (props.eventSources ?? []).map((s) => ({ ...s, name: s.name ?? '*' }));
    this.eventSources.forEach((s, i) => this.checkSource(problems, `eventSources[${i}]`, s));
    (props.inclusionList ?? []).forEach((r, i) => problems.addMessages(checkGoRegex(`inclusionList[${i}]`, r)));
    (props.exclusionList ?? []).forEach((r, i) => problems.addMessages(checkGoRegex(`exclusionList[${i}]`, r)));
    (props.exclusionList ?? []).forEach((r, i) => {
      if (goRegexMatchesEverything(r)) {
        problems.add(`exclusionList[${i}]`, r, 'matches every event message (Flux matches it anywhere in the message, and it matches the empty string), so the Alert would never send an event', 'write a regex for the messages to drop, e.g. ".*dependency.*not ready.*"');
      }
    });
    const inclusion = props.inclusionList ?? [];
    if (inclusion.length > 0 && inclusion.every((r) => (props.exclusionList ?? []).includes(r))) {
      problems.add('inclusionList', inclusion, 'every entry is also in exclusionList: each message it lets in is dropped again', 'remove the entries from one of the two lists');
    }
    if (props.provider?.providerType === 'alertmanager') {
      // The alertmanager provider turns the metadata into alert labels; Alertmanager refuses invalid label names.
      for (const key of Object.keys(props.eventMetadata ?? {})) {
        problems.addMessages(checkLabelName(`eventMetadata[${JSON.stringify(key)}]`, key));
      }
    }
    problems.throwIfAny();

    this.resource = new Alert(this, 'Resource', {
      metadata: objectMeta(props.name ?? defaultName(this, id, { drop: ['alert', 'alerts'], fallback: props.provider.name }), this.namespace),
      spec: {
        providerRef: { name: props.provider.name },
        eventSeverity: this.eventSeverity as string as AlertSpecEventSeverity,
        eventSources: this.eventSources.map((s) => ({
          kind: s.kind as string as AlertSpecEventSourcesKind,
          name: s.name!,
          namespace: s.namespace,
          matchLabels: plainMap(s.matchLabels),
        })),
        inclusionList: props.inclusionList,
        exclusionList: props.exclusionList,
        eventMetadata: plainMap(props.eventMetadata),
        suspend: props.suspend,
      },
    });
    attachToApp(this);
  }

  /** The Alert's name. */
  public get name(): string {
    return this.resource.name;
  }

  private checkSource(problems: Problems, field: string, s: FluxEventSource): void {
    if (!KINDS.has(s.kind)) {
      problems.add(`${field}.kind`, s.kind, 'is not a kind the Alert API accepts', `use one of FluxSourceKind: ${[...KINDS].join(', ')}`);
    }
    if (typeof s.name !== 'string' || s.name.length < 1 || s.name.length > 253) {
      problems.add(`${field}.name`, s.name, 'must be 1 to 253 characters', `use '*' for every ${s.kind}, or the object's name`);
    }
    if (s.namespace === '*') {
      problems.add(`${field}.namespace`, s.namespace, 'there is no namespace wildcard: "*" silently matches nothing (notification-controller#1304)', 'list one event source per namespace, or leave namespace unset for the Alert\'s own');
    } else if (s.namespace !== undefined) {
      problems.addMessages(checkDns1123Label(`${field}.namespace`, s.namespace));
    }
    if (s.matchLabels && Object.keys(s.matchLabels).length) {
      if (s.name !== '*') {
        problems.add(`${field}.name`, s.name, `must be '*' when matchLabels is set: matchLabels only apply to wildcard sources`, `set name: '*' to select by labels, or drop matchLabels`);
      }
      for (const [k, v] of Object.entries(s.matchLabels)) {
        problems.addMessages(checkLabelKey(`${field}.matchLabels`, k));
        problems.addMessages(checkLabelValue(`${field}.matchLabels.${k}`, v));
      }
    }
  }
}
