import { describe, expect, it } from 'vitest';
import { guessProvider, type ProviderHintNode } from './provider.ts';

// Node fixtures trimmed from what `kubectl get node -o yaml` shows on each distribution; only
// metadata and spec.providerID matter to the guess, the rest is there to keep them realistic.
const commonLabels = (name: string) => ({
  'beta.kubernetes.io/arch': 'amd64',
  'beta.kubernetes.io/os': 'linux',
  'kubernetes.io/arch': 'amd64',
  'kubernetes.io/hostname': name,
  'kubernetes.io/os': 'linux',
});

const kubeadmControlPlane: ProviderHintNode = {
  metadata: {
    name: 'cp-1',
    labels: {
      ...commonLabels('cp-1'),
      'node-role.kubernetes.io/control-plane': '',
      'node.kubernetes.io/exclude-from-external-load-balancers': '',
    },
    annotations: {
      'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///var/run/containerd/containerd.sock',
      'node.alpha.kubernetes.io/ttl': '0',
      'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
    },
  },
  spec: {},
};
const kubeadmWorker: ProviderHintNode = {
  metadata: {
    name: 'worker-1',
    labels: commonLabels('worker-1'),
    annotations: {
      'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///var/run/containerd/containerd.sock',
      'node.alpha.kubernetes.io/ttl': '0',
    },
  },
};
const kubeadmOnEc2: ProviderHintNode = {
  metadata: {
    name: 'ip-10-0-1-12.eu-west-1.compute.internal',
    labels: { ...commonLabels('ip-10-0-1-12'), 'node-role.kubernetes.io/control-plane': '' },
    annotations: { 'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///run/containerd/containerd.sock' },
  },
  spec: { providerID: 'aws:///eu-west-1a/i-0a1b2c3d4e5f67890' },
};

const k3sServer: ProviderHintNode = {
  metadata: {
    name: 'k3s-server-1',
    labels: {
      ...commonLabels('k3s-server-1'),
      'node-role.kubernetes.io/control-plane': 'true',
      'node-role.kubernetes.io/master': 'true',
      'node.kubernetes.io/instance-type': 'k3s',
    },
    annotations: {
      'flannel.alpha.coreos.com/backend-type': 'vxlan',
      'k3s.io/hostname': 'k3s-server-1',
      'k3s.io/internal-ip': '10.0.0.5',
      'k3s.io/node-args': '["server"]',
    },
  },
  spec: { providerID: 'k3s://k3s-server-1' },
};
const rke2Server: ProviderHintNode = {
  metadata: {
    name: 'rke2-cp-0',
    labels: {
      ...commonLabels('rke2-cp-0'),
      'node-role.kubernetes.io/control-plane': 'true',
      'node-role.kubernetes.io/etcd': 'true',
      'node.kubernetes.io/instance-type': 'rke2',
    },
    annotations: {
      'rke2.io/hostname': 'rke2-cp-0',
      'rke2.io/node-args': '["server"]',
      'rke2.io/internal-ip': '10.1.0.4',
    },
  },
  spec: { providerID: 'rke2://rke2-cp-0' },
};

const eksNode: ProviderHintNode = {
  metadata: {
    name: 'ip-192-168-12-34.us-west-2.compute.internal',
    labels: {
      ...commonLabels('ip-192-168-12-34.us-west-2.compute.internal'),
      'alpha.eksctl.io/cluster-name': 'prod',
      'eks.amazonaws.com/capacityType': 'ON_DEMAND',
      'eks.amazonaws.com/nodegroup': 'ng-general',
      'eks.amazonaws.com/nodegroup-image': 'ami-0123456789abcdef0',
      'node.kubernetes.io/instance-type': 'm5.large',
      'topology.kubernetes.io/region': 'us-west-2',
      'topology.kubernetes.io/zone': 'us-west-2a',
    },
    annotations: { 'alpha.kubernetes.io/provided-node-ip': '192.168.12.34', 'node.alpha.kubernetes.io/ttl': '0' },
  },
  spec: { providerID: 'aws:///us-west-2a/i-0fedcba9876543210' },
};
const eksFargateNode: ProviderHintNode = {
  metadata: {
    name: 'fargate-ip-192-168-99-1.us-west-2.compute.internal',
    labels: { ...commonLabels('fargate-ip-192-168-99-1'), 'eks.amazonaws.com/compute-type': 'fargate' },
  },
  spec: { providerID: 'aws:///us-west-2b/0123456789-abcdef/fargate-ip-192-168-99-1.us-west-2.compute.internal' },
};
const gkeNode: ProviderHintNode = {
  metadata: {
    name: 'gke-prod-default-pool-1a2b3c4d-x1y2',
    labels: {
      ...commonLabels('gke-prod-default-pool-1a2b3c4d-x1y2'),
      'cloud.google.com/gke-boot-disk': 'pd-balanced',
      'cloud.google.com/gke-container-runtime': 'containerd',
      'cloud.google.com/gke-nodepool': 'default-pool',
      'cloud.google.com/gke-os-distribution': 'cos',
      'cloud.google.com/machine-family': 'e2',
      'node.kubernetes.io/instance-type': 'e2-standard-4',
    },
    annotations: { 'container.googleapis.com/instance_id': '1234567890123456789' },
  },
  spec: { providerID: 'gce://my-project/europe-west1-b/gke-prod-default-pool-1a2b3c4d-x1y2' },
};
const aksNode: ProviderHintNode = {
  metadata: {
    name: 'aks-nodepool1-12345678-vmss000000',
    labels: {
      ...commonLabels('aks-nodepool1-12345678-vmss000000'),
      agentpool: 'nodepool1',
      'kubernetes.azure.com/agentpool': 'nodepool1',
      'kubernetes.azure.com/cluster': 'MC_rg_prod_westeurope',
      'kubernetes.azure.com/mode': 'system',
      'kubernetes.azure.com/role': 'agent',
      'node.kubernetes.io/instance-type': 'Standard_D4s_v3',
    },
    annotations: { 'node.alpha.kubernetes.io/ttl': '0' },
  },
  spec: {
    providerID:
      'azure:///subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/mc_rg_prod_westeurope/providers/Microsoft.Compute/virtualMachineScaleSets/aks-nodepool1-12345678-vmss/virtualMachines/0',
  },
};
const kindNode = (name: string, providerID?: string): ProviderHintNode => ({
  metadata: {
    name,
    labels: {
      ...commonLabels(name),
      ...(name.includes('control-plane') ? { 'node-role.kubernetes.io/control-plane': '' } : {}),
    },
    annotations: {
      'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///run/containerd/containerd.sock',
      'node.alpha.kubernetes.io/ttl': '0',
    },
  },
  spec: providerID ? { providerID } : {},
});
// What packages/testenv creates (kwok-config.ts): kwok's own annotation and the `type: kwok` label.
const kwokNode = (name: string): ProviderHintNode => ({
  metadata: {
    name,
    labels: { ...commonLabels(name), type: 'kwok', 'node-role.kubernetes.io/worker': '' },
    annotations: { 'kwok.x-k8s.io/node': 'fake', 'node.alpha.kubernetes.io/ttl': '0' },
  },
  spec: {},
});

describe('guessProvider', () => {
  it('reads distributions from the version string', () => {
    expect(guessProvider('v1.30.4+k3s1', [])).toBe('k3s');
    expect(guessProvider('v1.31.2+rke2r1', [])).toBe('rke2');
    expect(guessProvider('v1.30.4-eks-a737599', [])).toBe('eks');
    expect(guessProvider('v1.30.5-gke.1014001', [])).toBe('gke');
  });

  it('trusts the version over cloud providerIDs: k3s and RKE2 run on cloud machines too', () => {
    const k3sOnEc2 = { ...k3sServer, spec: { providerID: 'aws:///eu-west-1a/i-0123' } };
    expect(guessProvider('v1.30.4+k3s1', [k3sOnEc2])).toBe('k3s');
    expect(guessProvider('v1.31.2+rke2r1', [{ ...rke2Server, spec: { providerID: 'gce://p/z/n' } }])).toBe('rke2');
  });

  it('recognises k3s and RKE2 by their node annotations when the version is plain', () => {
    expect(guessProvider('v1.30.4', [k3sServer])).toBe('k3s');
    expect(guessProvider('v1.30.4', [rke2Server])).toBe('rke2');
  });

  it('recognises managed services by their node labels', () => {
    expect(guessProvider('v1.30.4', [eksNode])).toBe('eks');
    expect(guessProvider('v1.30.4', [eksFargateNode])).toBe('eks');
    expect(guessProvider('v1.30.5', [gkeNode])).toBe('gke');
    expect(guessProvider('v1.30.3', [aksNode])).toBe('aks');
  });

  it('falls back to the providerID for cloud machines without managed-service labels', () => {
    const bare = (providerID: string): ProviderHintNode => ({
      metadata: { name: 'n1', labels: commonLabels('n1') },
      spec: { providerID },
    });
    expect(guessProvider('v1.30.4', [bare('aws:///us-east-1a/i-0abc')])).toBe('eks');
    expect(guessProvider('v1.30.4', [bare('gce://proj/us-central1-a/n1')])).toBe('gke');
    expect(
      guessProvider('v1.30.4', [
        bare('azure:///subscriptions/x/resourceGroups/y/providers/Microsoft.Compute/virtualMachines/n1'),
      ]),
    ).toBe('aks');
  });

  it('says kubeadm for a kubeadm cluster, even on EC2', () => {
    expect(guessProvider('v1.31.1', [kubeadmControlPlane, kubeadmWorker])).toBe('kubeadm');
    expect(guessProvider('v1.31.1', [kubeadmWorker])).toBe('kubeadm');
    expect(guessProvider('v1.31.1', [kubeadmOnEc2])).toBe('kubeadm');
  });

  it('recognises kind by its providerID', () => {
    const nodes = [
      kindNode('dev-control-plane', 'kind://docker/dev/dev-control-plane'),
      kindNode('dev-worker', 'kind://docker/dev/dev-worker'),
    ];
    expect(guessProvider('v1.31.0', nodes)).toBe('kind');
  });

  it('recognises older kind clusters by their node names', () => {
    expect(guessProvider('v1.25.3', [kindNode('kind-control-plane')])).toBe('kind');
    expect(
      guessProvider('v1.25.3', [
        kindNode('ha-control-plane'),
        kindNode('ha-control-plane2'),
        kindNode('ha-worker'),
        kindNode('ha-worker2'),
      ]),
    ).toBe('kind');
  });

  it('does not take a kubeadm cluster with a lone "-control-plane" node name for kind', () => {
    expect(guessProvider('v1.31.1', [kindNode('prod-control-plane'), kindNode('db-01')])).toBe('kubeadm');
  });

  it('recognises kwok nodes, as packages/testenv makes them', () => {
    expect(guessProvider('v1.37.2', [kwokNode('kwok-node-1'), kwokNode('kwok-node-2')])).toBe('kwok');
    const labelOnly: ProviderHintNode = { metadata: { name: 'n', labels: { type: 'kwok' } } };
    const annotationOnly: ProviderHintNode = { metadata: { name: 'n', annotations: { 'kwok.x-k8s.io/node': 'fake' } } };
    expect(guessProvider('v1.37.2', [labelOnly])).toBe('kwok');
    expect(guessProvider('v1.37.2', [annotationOnly])).toBe('kwok');
  });

  it('says kind, not kwok, for kwok nodes added to a kind cluster', () => {
    expect(
      guessProvider('v1.31.0', [
        kindNode('kind-control-plane', 'kind://docker/kind/kind-control-plane'),
        kwokNode('kwok-node-1'),
      ]),
    ).toBe('kind');
  });

  it('says other when nothing gives the cluster away', () => {
    expect(guessProvider('v1.30.0', [])).toBe('other');
    expect(guessProvider('v1.30.0', [{ metadata: { name: 'node-a', labels: commonLabels('node-a') } }])).toBe('other');
    expect(guessProvider('', [{}])).toBe('other');
  });
});
