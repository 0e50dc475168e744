import { ISecretReference } from '../secret-key';
import { Construct } from 'constructs';
import { ProviderSpecType } from '../../imports/notification-providers-notification.toolkit.fluxcd.io';
import { IAlertmanager } from '../alertmanager/alertmanager-cluster';
import { ProblemList } from '../_util/problems';
import { checkConstruct, fits, known, shape as s } from '../_util/shape';
import { FluxProvider, FluxProviderOptions, PROVIDER_OPTION_FIELDS } from './provider';

/**
 * Props of {@link AlertmanagerProvider}.
 */
export interface AlertmanagerProviderProps extends FluxProviderOptions {
  /**
   * The Alertmanager Flux posts its events to: an {@link AlertmanagerCluster} or an existing
   * one (`AlertmanagerCluster.fromExisting`). The address is derived from it:
   * `http://alertmanager-operated.<namespace>:9093/api/v2/alerts/`.
   */
  readonly alertmanager: IAlertmanager;
  /**
   * A Secret with a bearer `token`, or `username` and `password`, when Alertmanager sits
   * behind an authenticating proxy.
   * @default - no authentication
   */
  readonly authSecret?: ISecretReference;
}

const PROPS = s.struct('AlertmanagerProviderProps', {
  ...PROVIDER_OPTION_FIELDS,
  // required: a missing one is reported with the provider's other problems
  alertmanager: s.optional(known.alertmanager),
  authSecret: s.optional(known.secret),
});

/**
 * Sends Flux events to Alertmanager as alerts (a Provider of type `alertmanager`).
 *
 * Each event becomes an alert labelled `alertname=Flux<Kind><Reason>`, `severity` (`info` or
 * `error`), `kind`, `name`, `namespace` (of the Flux object), `reason` and
 * `reportingcontroller`. Flux sends no end time, so the Alertmanager's `resolveTimeout`
 * decides when the alert resolves.
 */
export class AlertmanagerProvider extends FluxProvider {
  /** The Alertmanager events go to. */
  public readonly alertmanager: IAlertmanager;

  constructor(scope: Construct, id: string, props: AlertmanagerProviderProps) {
    checkConstruct('AlertmanagerProvider', scope, id, props, PROPS);
    super(scope, id, {
      ...props,
      type: ProviderSpecType.ALERTMANAGER,
      address: props.alertmanager ? `${props.alertmanager.alertsUrl}/` : undefined,
      secret: props.authSecret ? { secret: props.authSecret, required: [], anyOf: ['token', 'username'] } : undefined,
      typeProblems: (() => {
        const p = new ProblemList();
        if (!fits(known.alertmanager, props.alertmanager)) {
          p.add('alertmanager', props.alertmanager, 'an alertmanager provider needs the Alertmanager it posts to', 'pass alertmanager: <your AlertmanagerCluster, or AlertmanagerCluster.fromExisting(...)>');
        }
        return p.messages;
      })(),
    });
    this.alertmanager = props.alertmanager;
  }
}
