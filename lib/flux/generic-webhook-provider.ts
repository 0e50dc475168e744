import { ISecretReference } from '../secret-key';
import { Construct } from 'constructs';
import { ProviderSpecType } from '../../imports/notification-providers-notification.toolkit.fluxcd.io';
import { ProblemList } from '../_util/problems';
import { checkConstruct, known, shape as s } from '../_util/shape';
import { FluxProvider, FluxProviderOptions, PROVIDER_OPTION_FIELDS } from './provider';

/**
 * Props of {@link GenericWebhookProvider}.
 */
export interface GenericWebhookProviderProps extends FluxProviderOptions {
  /**
   * The Secret whose `address` key holds the webhook URL; it may also hold `headers`
   * (a YAML map), `token`, or `username` and `password`.
   */
  readonly secret: ISecretReference;
  /**
   * Whether Flux signs each request with an HMAC of the body (type `generic-hmac`); the
   * Secret's `token` key is the signing key.
   * @default false
   */
  readonly hmac?: boolean;
}

// secret is required: a missing one is reported with the provider's other problems
const PROPS = s.struct('GenericWebhookProviderProps', { ...PROVIDER_OPTION_FIELDS, secret: s.optional(known.secret), hmac: s.optional(s.boolean()) });

/**
 * Posts Flux events as JSON to any HTTP endpoint (a Provider of type `generic` or `generic-hmac`).
 */
export class GenericWebhookProvider extends FluxProvider {
  constructor(scope: Construct, id: string, props: GenericWebhookProviderProps) {
    checkConstruct('GenericWebhookProvider', scope, id, props, PROPS);
    super(scope, id, {
      ...props,
      type: props.hmac ? ProviderSpecType.GENERIC_HYPHEN_HMAC : ProviderSpecType.GENERIC,
      secret: props.secret ? { secret: props.secret, required: props.hmac ? ['address', 'token'] : ['address'] } : undefined,
      typeProblems: (() => {
        const p = new ProblemList();
        if (!props.secret) {
          p.add('secret', props.secret, 'a webhook provider needs the Secret holding its URL', `pass secret: SecretReference.fromName('flux-webhook')`);
        }
        return p.messages;
      })(),
    });
  }
}
