import { Construct } from 'constructs';
import { DEFAULT_ERROR_SOURCE_KINDS, FluxEventSource, FluxSourceKind } from './event-source';
import { defaultName } from '../_util/metadata';
import { checkConstruct, shape as s } from '../_util/shape';
import { ALERT_FIELDS, EVENT_SOURCE, FluxAlert, FluxEventSeverity } from './flux-alert';
import { IFluxProvider } from './provider';

/**
 * Props of {@link FluxErrorAlert}.
 */
export interface FluxErrorAlertProps {
  /**
   * The Alert's name.
   * @default - the construct id kebab-cased, without `alert` and ending in `-errors`
   * (`FluxErrors` → `flux-errors`, `Apps` → `apps-errors`), else `flux-errors`
   * (README "Default names")
   */
  readonly name?: string;
  /**
   * The namespace; it must be the Provider's.
   * @default - the Provider's namespace
   */
  readonly namespace?: string;
  /** The Provider that delivers the events. */
  readonly provider: IFluxProvider;
  /**
   * The kinds of Flux objects watched, every object of each kind.
   * @default - HelmRelease, ImagePolicy, Kustomization, ImageRepository, GitRepository, HelmChart, HelmRepository and OCIRepository
   */
  readonly kinds?: FluxSourceKind[];
  /**
   * The namespaces whose objects are watched; one event source per kind and namespace.
   * @default - the Alert's namespace
   */
  readonly sourceNamespaces?: string[];
  /**
   * Further sources, added after those from `kinds`.
   * @default - none
   */
  readonly extraSources?: FluxEventSource[];
  /**
   * Go regexes; events whose message matches one are dropped.
   * @default - none dropped
   */
  readonly exclusionList?: string[];
  /**
   * Metadata added to every event; the alertmanager provider turns it into alert labels.
   * @default - none
   */
  readonly eventMetadata?: { [key: string]: string };
}

const PROPS = s.struct('FluxErrorAlertProps', {
  name: ALERT_FIELDS.name, namespace: ALERT_FIELDS.namespace, provider: ALERT_FIELDS.provider,
  // an unknown kind is reported with the Alert's other problems
  kinds: s.optional(s.list(s.oneOf(FluxSourceKind, 'FluxSourceKind', { strict: false }))),
  sourceNamespaces: s.optional(s.list(s.string({ fix: `pass namespace names, e.g. ['flux-system', 'team-a']` }))),
  extraSources: s.optional(s.list(EVENT_SOURCE)),
  exclusionList: ALERT_FIELDS.exclusionList, eventMetadata: ALERT_FIELDS.eventMetadata,
});

/**
 * Forwards error events from every object of the Flux source, reconciler and image kinds.
 */
export class FluxErrorAlert extends FluxAlert {
  constructor(scope: Construct, id: string, props: FluxErrorAlertProps) {
    checkConstruct('FluxErrorAlert', scope, id, props, PROPS);
    const kinds = props.kinds ?? DEFAULT_ERROR_SOURCE_KINDS;
    const namespaces: Array<string | undefined> = props.sourceNamespaces?.length ? props.sourceNamespaces : [undefined];
    super(scope, id, {
      name: props.name ?? defaultName(scope, id, { drop: ['alert', 'alerts', 'error', 'errors'], suffix: 'errors', fallback: 'flux-errors' }),
      namespace: props.namespace,
      provider: props.provider,
      eventSeverity: FluxEventSeverity.ERROR,
      eventSources: [
        ...kinds.flatMap((kind) => namespaces.map((namespace) => ({ kind, name: '*', namespace }))),
        ...(props.extraSources ?? []),
      ],
      exclusionList: props.exclusionList,
      eventMetadata: props.eventMetadata,
    });
  }
}
