import type { ClusterProvider } from '@bokujo/shared';

/** The parts of a Node that say who runs it; a client-node V1Node fits. */
export interface ProviderHintNode {
  metadata?: { name?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: { providerID?: string };
}

/**
 * Which distribution or managed service runs a cluster, from the apiserver's gitVersion and the
 * nodes. A guess for display only: nothing in Bokujo decides anything on it.
 *
 * The order matters. A distribution names itself in the version (k3s and RKE2 also run on cloud
 * machines whose providerID says aws:// or gce://), managed services label their nodes, and a
 * bare providerID only says whose machines these are — a kubeadm cluster on EC2 has aws:// too,
 * so kubeadm's own marks are checked before it.
 */
export function guessProvider(version: string, nodes: readonly ProviderHintNode[]): ClusterProvider {
  const fromVersion = providerFromVersion(version);
  if (fromVersion) return fromVersion;

  const labels = (node: ProviderHintNode) => node.metadata?.labels ?? {};
  const annotations = (node: ProviderHintNode) => node.metadata?.annotations ?? {};
  const providerId = (node: ProviderHintNode) => node.spec?.providerID ?? '';
  const anyNode = (test: (node: ProviderHintNode) => boolean) => nodes.some(test);
  const hasKey = (record: Record<string, string>, prefix: string) =>
    Object.keys(record).some((key) => key.startsWith(prefix));

  if (anyNode((node) => hasKey(annotations(node), 'k3s.io/'))) return 'k3s';
  if (anyNode((node) => hasKey(annotations(node), 'rke2.io/'))) return 'rke2';
  if (
    anyNode((node) => 'eks.amazonaws.com/nodegroup' in labels(node) || 'eks.amazonaws.com/compute-type' in labels(node))
  ) {
    return 'eks';
  }
  if (
    anyNode(
      (node) =>
        'cloud.google.com/gke-nodepool' in labels(node) || 'cloud.google.com/gke-os-distribution' in labels(node),
    )
  ) {
    return 'gke';
  }
  if (
    anyNode(
      (node) => 'kubernetes.azure.com/cluster' in labels(node) || 'kubernetes.azure.com/agentpool' in labels(node),
    )
  ) {
    return 'aks';
  }
  if (anyNode((node) => providerId(node).startsWith('kind://')) || looksLikeKind(nodes)) return 'kind';
  if (anyNode((node) => annotations(node)['kwok.x-k8s.io/node'] === 'fake' || labels(node)['type'] === 'kwok'))
    return 'kwok';
  if (
    anyNode(
      (node) =>
        'kubeadm.alpha.kubernetes.io/cri-socket' in annotations(node) ||
        'node-role.kubernetes.io/control-plane' in labels(node),
    )
  ) {
    return 'kubeadm';
  }
  if (anyNode((node) => providerId(node).startsWith('aws://'))) return 'eks';
  if (anyNode((node) => providerId(node).startsWith('gce://'))) return 'gke';
  if (anyNode((node) => providerId(node).startsWith('azure://'))) return 'aks';
  return 'other';
}

function providerFromVersion(version: string): ClusterProvider | undefined {
  // e.g. v1.30.4+k3s1, v1.30.4+rke2r1, v1.30.4-eks-a737599, v1.30.5-gke.1014001
  if (/\+k3s\d*/.test(version)) return 'k3s';
  if (/\+rke2/.test(version)) return 'rke2';
  if (/-eks-/.test(version)) return 'eks';
  if (/-gke\./.test(version)) return 'gke';
  // AKS serves upstream version strings; only some builds carry an -aks or +aks mark.
  if (/[-+]aks/i.test(version)) return 'aks';
  return undefined;
}

/**
 * Nodes made by kind before it set a kind:// providerID: kubeadm nodes named `<cluster>-control-plane`
 * (plus `2`, `3` … when highly available) and `<cluster>-worker…`, all with the same prefix.
 * The shared prefix keeps an ordinary kubeadm cluster with a node called "control-plane" out.
 */
function looksLikeKind(nodes: readonly ProviderHintNode[]): boolean {
  const names = nodes.map((node) => node.metadata?.name ?? '');
  const controlPlane = names.map((name) => /^(.+)-control-plane\d*$/.exec(name)).find((match) => match !== null);
  const prefix = controlPlane?.[1];
  if (!prefix) return false;
  const ownName = new RegExp(`^${escapeRegExp(prefix)}-(control-plane|worker)\\d*$`);
  return (
    names.every((name) => ownName.test(name)) &&
    nodes.every((node) => 'kubeadm.alpha.kubernetes.io/cri-socket' in (node.metadata?.annotations ?? {}))
  );
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
