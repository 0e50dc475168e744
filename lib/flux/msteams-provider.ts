import { ISecretReference } from '../secret-key';
import { Construct } from 'constructs';
import { ProviderSpecType } from '../../imports/notification-providers-notification.toolkit.fluxcd.io';
import { ProblemList } from '../_util/problems';
import { checkConstruct, known, shape as s } from '../_util/shape';
import { FluxProvider, FluxProviderOptions, PROVIDER_OPTION_FIELDS } from './provider';

/**
 * Props of {@link MsTeamsProvider}.
 */
export interface MsTeamsProviderProps extends FluxProviderOptions {
  /**
   * The Secret whose `address` key holds the Teams Workflows webhook URL. It must be in the
   * Provider's namespace.
   */
  readonly secret: ISecretReference;
}

// secret is required: a missing one is reported with the provider's other problems
const PROPS = s.struct('MsTeamsProviderProps', { ...PROVIDER_OPTION_FIELDS, secret: s.optional(known.secret) });

/**
 * Sends Flux events to Microsoft Teams (a Provider of type `msteams`). Teams takes no channel:
 * the webhook decides where messages go.
 */
export class MsTeamsProvider extends FluxProvider {
  constructor(scope: Construct, id: string, props: MsTeamsProviderProps) {
    checkConstruct('MsTeamsProvider', scope, id, props, PROPS);
    super(scope, id, {
      ...props,
      type: ProviderSpecType.MSTEAMS,
      secret: props.secret ? { secret: props.secret, required: ['address'] } : undefined,
      typeProblems: (() => {
        const p = new ProblemList();
        if (!props.secret) {
          p.add('secret', props.secret, 'a Teams provider needs the Secret holding its webhook URL', `pass secret: SecretReference.fromName('teams-webhook')`);
        }
        return p.messages;
      })(),
    });
  }
}
