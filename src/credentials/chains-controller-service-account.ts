import { Chart, Lazy } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct, IConstruct } from 'constructs';

/** Namespace and name of the Tekton Chains controller's ServiceAccount. */
const CHAINS_NAMESPACE = 'tekton-chains';
const CHAINS_SERVICE_ACCOUNT = 'tekton-chains-controller';
const ID = 'TektonChainsControllerServiceAccount';

/**
 * The Tekton Chains controller's ServiceAccount with the registry Secrets it may
 * use, one per chart. Apply it with `kubectl apply --server-side`, which merges
 * the `secrets` and `imagePullSecrets` lists instead of replacing the account.
 *
 * @deprecated Chains v0.29 pushes signatures with the Secrets of the run's
 * ServiceAccount in the run's namespace, never with these: use
 * `RegistryCredential.allowChainsToPush(serviceAccount)`.
 */
export class ChainsControllerServiceAccount extends Construct {
  /** The one in the chart of `scope`, created on first use. */
  public static of(scope: IConstruct): ChainsControllerServiceAccount {
    const chart = Chart.of(scope);
    return (chart.node.tryFindChild(ID) as ChainsControllerServiceAccount | undefined) ?? new ChainsControllerServiceAccount(chart, ID);
  }

  private readonly secrets = new Set<string>();

  private constructor(scope: Construct, id: string) {
    super(scope, id);
    const list = () => [...this.secrets].map((name) => ({ name }));
    new k8s.KubeServiceAccount(this, 'Resource', {
      metadata: { name: CHAINS_SERVICE_ACCOUNT, namespace: CHAINS_NAMESPACE },
      secrets: Lazy.any({ produce: list }) as any,
      imagePullSecrets: Lazy.any({ produce: list }) as any,
    });
  }

  /** Add a Secret (idempotent). */
  public addSecret(secretName: string): void {
    this.secrets.add(secretName);
  }
}
