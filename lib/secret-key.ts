import * as kplus from 'cdk8s-plus-27';
import { checkArgs, known, shape } from './_util/shape';

/** A key of a Secret's data, as the API server accepts it. */
const SECRET_DATA_KEY = shape.string({
  nonEmpty: true, pattern: /^[-._a-zA-Z0-9]{1,253}$/, patternText: 'may hold only letters, digits, -, _ and . (at most 253), as Kubernetes requires of Secret keys',
  fix: `name the key inside the Secret's data, e.g. 'url'`,
});

/**
 * A key in a Kubernetes Secret: where a receiver or provider reads a URL, key or token.
 *
 * The value itself never appears in the synthesized YAML, only the Secret's name and key.
 * Reference a Secret that already exists in the cluster (created by SOPS, Sealed Secrets,
 * External Secrets...) with `kplus.Secret.fromSecretName`, or one defined in the app.
 *
 * @example
 * SecretKey.fromSecret(kplus.Secret.fromSecretName(this, 'Lambda', 'alertmanager'), 'url')
 */
export class SecretKey {
  /**
   * References `key` in `secret`.
   * @param secret the Secret, from `kplus.Secret.fromSecretName()` or defined in the app.
   * @param key the key inside the Secret's data.
   */
  public static fromSecret(secret: kplus.ISecret, key: string): SecretKey {
    checkArgs('SecretKey.fromSecret', { secret: [secret, known.secret], key: [key, SECRET_DATA_KEY] });
    return new SecretKey(secret, key);
  }

  private constructor(
    /** The referenced Secret. */
    public readonly secret: kplus.ISecret,
    /** The key inside the Secret. */
    public readonly key: string,
  ) {}

  /** The Secret's name. */
  public get secretName(): string {
    return this.secret.name;
  }

  /**
   * The Secret's namespace when it is defined in this app with an explicit namespace.
   * Undefined for Secrets referenced by name, which live in the referencing object's namespace.
   */
  public get secretNamespace(): string | undefined {
    // a Secret defined in the app has metadata; one referenced by name has none (recognised by
    // its member, not instanceof: a Secret of another copy of cdk8s-plus must pass too)
    const namespace = (this.secret as { metadata?: { namespace?: unknown } }).metadata?.namespace;
    return typeof namespace === 'string' ? namespace : undefined;
  }

  /** `{ name, key }`, the selector shape the operator's CRDs use. */
  public toSelector(): { name: string; key: string } {
    return { name: this.secretName, key: this.key };
  }
}

