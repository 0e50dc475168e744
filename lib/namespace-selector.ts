import { checkArgs, shape } from './_util/shape';
import { NAMESPACE_NAME_LABEL } from './model/cluster-model';

/**
 * A requirement of a Kubernetes label selector (`matchExpressions` entry).
 */
export interface LabelSelectorRequirementJson {
  /** The label key. */
  readonly key: string;
  /** `In`, `NotIn`, `Exists` or `DoesNotExist`. */
  readonly operator: string;
  /** The values for `In` and `NotIn`. */
  readonly values: string[];
}

/**
 * A Kubernetes label selector, as {@link NamespaceSelector.toJson} returns it.
 */
export interface LabelSelectorJson {
  /**
   * Labels the namespace must carry.
   * @default - no label requirement
   */
  readonly matchLabels?: { [key: string]: string };
  /**
   * Further requirements.
   * @default - none
   */
  readonly matchExpressions?: LabelSelectorRequirementJson[];
}

/**
 * Which namespaces an operator looks in for rules or routing configs.
 *
 * The operator's nil and `{}` mean opposite things (own namespace only, and every
 * namespace); these factories say which one you get.
 */
export class NamespaceSelector {
  /** Only the selecting object's own namespace (the selector is left unset). */
  public static own(): NamespaceSelector {
    return new NamespaceSelector('own', {}, []);
  }

  /** Every namespace (`{}`). */
  public static all(): NamespaceSelector {
    return new NamespaceSelector('all', {}, []);
  }

  /** The namespaces with these names, by their `kubernetes.io/metadata.name` label. */
  public static names(...names: string[]): NamespaceSelector {
    checkArgs('NamespaceSelector.names', { names: [names, shape.list(shape.string({ nonEmpty: true, fix: `pass namespace names, e.g. NamespaceSelector.names('team-a', 'team-b')` }))] });
    return new NamespaceSelector('names', {}, [...new Set(names)].sort());
  }

  /** The namespaces that carry all these labels. */
  public static labels(labels: { [key: string]: string }): NamespaceSelector {
    checkArgs('NamespaceSelector.labels', { labels: [labels, shape.map()] });
    return new NamespaceSelector('labels', { ...labels }, []);
  }

  private constructor(
    /** `own`, `all`, `names` or `labels`. */
    public readonly mode: string,
    /** The labels, for `labels`. */
    public readonly matchLabels: { [key: string]: string },
    /** The names, for `names`. */
    public readonly namespaceNames: string[],
  ) {}

  /**
   * Whether a namespace is selected by this selector on an object in `ownNamespace`.
   * Namespaces selected by labels are assumed to match only when their labels are known.
   * @param namespace the namespace to test
   * @param ownNamespace the selecting object's namespace
   * @param namespaceLabels the namespace's labels, when known
   */
  public selects(namespace: string, ownNamespace: string, namespaceLabels?: { [key: string]: string }): boolean | undefined {
    switch (this.mode) {
      case 'own': return namespace === ownNamespace;
      case 'all': return true;
      case 'names': return this.namespaceNames.includes(namespace);
      default: {
        if (!namespaceLabels) { return undefined; }
        return Object.entries(this.matchLabels).every(([k, v]) => namespaceLabels[k] === v);
      }
    }
  }

  /** The LabelSelector for the CR, or undefined for `own`. */
  public toJson(): LabelSelectorJson | undefined {
    switch (this.mode) {
      case 'own': return undefined;
      case 'all': return {};
      case 'names': return { matchExpressions: [{ key: NAMESPACE_NAME_LABEL, operator: 'In', values: this.namespaceNames }] };
      default: return { matchLabels: this.matchLabels };
    }
  }
}
