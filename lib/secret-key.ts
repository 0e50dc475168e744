import { checkArgs, known, shape } from './_util/shape';

/** A key of a Secret's data, as the API server accepts it. */
const SECRET_DATA_KEY = shape.string({
  nonEmpty: true, pattern: /^[-._a-zA-Z0-9]{1,253}$/, patternText: 'may hold only letters, digits, -, _ and . (at most 253), as Kubernetes requires of Secret keys',
  fix: `name the key inside the Secret's data, e.g. 'url'`,
});

/** The name of a Secret or ConfigMap (a DNS-1123 subdomain), checked by the `fromName` factories. */
const OBJECT_NAME = shape.string({
  nonEmpty: true,
  pattern: /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/,
  patternText: 'must be a DNS-1123 subdomain: lower case letters, digits, \'-\' and \'.\', starting and ending with a letter or digit, at most 253 characters',
  fix: `name the Secret as it is in the cluster, e.g. 'alertmanager-slack'`,
});

/**
 * The object metadata this library reads from a Secret defined in the app: its namespace.
 */
export interface SecretReferenceMetadata {
  /**
   * The Secret's namespace.
   * @default - the namespace of the object that references it
   */
  readonly namespace?: string;
}

/**
 * A Kubernetes Secret, by name. Anything with a `name` fits: a Secret of any cdk8s-plus
 * version (27 to 33: `Secret.fromSecretName(...)` or `new Secret(...)`), a `KubeSecret` or
 * other `ApiObject`, a plain object `{ name: 'slack-url' }`, or `SecretReference.fromName()`.
 *
 * Only `name` is read, and `metadata.namespace` of a Secret defined in the app. This library
 * does not depend on cdk8s-plus: bring whichever version your project uses.
 */
export interface ISecretReference {
  /** The Secret's name (`metadata.name`). */
  readonly name: string;
  /**
   * The Secret's metadata, when it is defined in the app.
   * @default - a Secret referenced by name, in the namespace of the object that references it
   */
  readonly metadata?: SecretReferenceMetadata;
}

/**
 * A Kubernetes ConfigMap, by name: a ConfigMap of any cdk8s-plus version, a `KubeConfigMap`
 * or a plain object `{ name: 'cluster-vars' }`. Only `name` is read.
 */
export interface IConfigMapReference {
  /** The ConfigMap's name (`metadata.name`). */
  readonly name: string;
}

/**
 * References to Secrets by name, for code without cdk8s-plus.
 *
 * @example
 * new SlackProvider(this, 'Slack', { secret: SecretReference.fromName('slack-url') })
 */
export class SecretReference {
  /**
   * A Secret that exists in the cluster (created by SOPS, Sealed Secrets, External Secrets...),
   * in the namespace of the object that references it.
   * @param name the Secret's name
   */
  public static fromName(name: string): ISecretReference {
    checkArgs('SecretReference.fromName', { name: [name, OBJECT_NAME] });
    return { name };
  }

  private constructor() {}
}

/**
 * A reference to one key of a Secret, the selector shape the operator's CRDs use
 * (`SecretKeySelector`), as {@link SecretKey.toSelector} returns it.
 */
export interface SecretKeySelectorJson {
  /** The Secret's name. */
  readonly name: string;
  /** The key inside the Secret. */
  readonly key: string;
}

/**
 * A key in a Kubernetes Secret: where a receiver or provider reads a URL, key or token.
 *
 * The value itself never appears in the synthesized YAML, only the Secret's name and key.
 * Reference a Secret that exists in the cluster (created by SOPS, Sealed Secrets, External
 * Secrets...) by its name, or pass a Secret of any cdk8s-plus version.
 *
 * @example
 * SecretKey.fromName('alertmanager-lambda', 'url')
 * SecretKey.fromName('alertmanager-lambda', 'url')
 */
export class SecretKey {
  /**
   * References `key` in the Secret named `secretName`, in the namespace of the object that
   * references it.
   * @param secretName the Secret's name, as it is in the cluster.
   * @param key the key inside the Secret's data.
   */
  public static fromName(secretName: string, key: string): SecretKey {
    checkArgs('SecretKey.fromName', { secretName: [secretName, OBJECT_NAME], key: [key, SECRET_DATA_KEY] });
    return new SecretKey({ name: secretName }, key);
  }

  /**
   * References `key` in `secret`.
   * @param secret the Secret: from any cdk8s-plus (`Secret.fromSecretName()`, or defined in
   *   the app), a `KubeSecret`, or `SecretReference.fromName()`.
   * @param key the key inside the Secret's data.
   */
  public static fromSecret(secret: ISecretReference, key: string): SecretKey {
    checkArgs('SecretKey.fromSecret', { secret: [secret, known.secret], key: [key, SECRET_DATA_KEY] });
    return new SecretKey(secret, key);
  }

  private constructor(
    /** The referenced Secret. */
    public readonly secret: ISecretReference,
    /** The key inside the Secret. */
    public readonly key: string,
  ) {}

  /** The Secret's name. */
  public get secretName(): string {
    return this.secret.name;
  }

  /**
   * The Secret's namespace when it is defined in this app (its own, else its chart's).
   * Undefined for Secrets referenced by name, which live in the referencing object's namespace.
   */
  public get secretNamespace(): string | undefined {
    // Read by shape, not `instanceof`: a Secret of any cdk8s-plus version (or an ApiObject)
    // carries cdk8s' ApiObjectMetadataDefinition; one referenced by name carries no metadata.
    const namespace = this.secret.metadata?.namespace;
    return typeof namespace === 'string' && namespace !== '' ? namespace : undefined;
  }

  /** `{ name, key }`, the selector shape the operator's CRDs use. */
  public toSelector(): SecretKeySelectorJson {
    return { name: this.secretName, key: this.key };
  }
}
