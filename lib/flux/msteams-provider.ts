import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { ProviderSpecType } from '../../imports/notification-providers-notification.toolkit.fluxcd.io';
import { ProblemList } from '../_util/problems';
import { FluxProvider, FluxProviderOptions } from './provider';

/**
 * Props of {@link MsTeamsProvider}.
 */
export interface MsTeamsProviderProps extends FluxProviderOptions {
  /**
   * The Secret whose `address` key holds the Teams Workflows webhook URL. It must be in the
   * Provider's namespace.
   */
  readonly secret: kplus.ISecret;
}

/**
 * Sends Flux events to Microsoft Teams (a Provider of type `msteams`). Teams takes no channel:
 * the webhook decides where messages go.
 */
export class MsTeamsProvider extends FluxProvider {
  constructor(scope: Construct, id: string, props: MsTeamsProviderProps) {
    super(scope, id, {
      ...props,
      type: ProviderSpecType.MSTEAMS,
      secret: props.secret ? { secret: props.secret, required: ['address'] } : undefined,
      check: () => {
        const p = new ProblemList();
        if (!props.secret) {
          p.add('secret', props.secret, 'a Teams provider needs the Secret holding its webhook URL', `pass secret: kplus.Secret.fromSecretName(this, 'Teams', 'teams-webhook')`);
        }
        return p.messages;
      },
    });
  }
}
