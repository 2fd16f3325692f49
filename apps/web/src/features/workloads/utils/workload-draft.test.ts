import { describe, expect, it } from 'vitest';
import type { KubePersistentVolumeClaim } from '@/lib/k8s/types';
import {
  checkDraft,
  applyDraft,
  cloneDraft,
  emptyWorkloadDraft,
  fromManifest,
  toManifests,
  type WorkloadDraft,
  type WorkloadManifest,
} from './workload-draft';

const dataClaim: KubePersistentVolumeClaim = {
  metadata: { name: 'web-data' },
  spec: {
    accessModes: ['ReadWriteOnce'],
    storageClassName: 'ontap-gold',
    resources: { requests: { storage: '10Gi' } },
  },
};

const draft = (overrides: Partial<WorkloadDraft>): WorkloadDraft => ({
  ...emptyWorkloadDraft,
  name: 'web',
  namespace: 'shop',
  image: 'nginx:1.27',
  ...overrides,
});

const newClaimVolume = {
  name: 'data',
  source: 'newClaim' as const,
  claim: dataClaim,
  objectName: '',
  mountPath: '/data',
  subPath: '',
  readOnly: false,
};

describe('deploy form → manifests', () => {
  it('creates the new claim beside a Deployment and mounts it by name', () => {
    const { workload, volumeClaims, services } = toManifests(draft({ volumes: [newClaimVolume] }));
    expect(volumeClaims).toEqual([
      {
        ...dataClaim,
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name: 'web-data', namespace: 'shop' },
      },
    ]);
    expect(workload).toMatchObject({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'shop', labels: { 'bokujo.io/workload': 'web' } },
      spec: {
        replicas: 1,
        selector: { matchLabels: { 'bokujo.io/workload': 'web' } },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
        template: {
          spec: {
            containers: [{ name: 'web', image: 'nginx:1.27', volumeMounts: [{ name: 'data', mountPath: '/data' }] }],
            volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'web-data' } }],
          },
        },
      },
    });
    expect(services).toEqual([]);
  });

  it('turns new claims of a StatefulSet into claim templates, one claim per pod', () => {
    const { workload, volumeClaims } = toManifests(
      draft({ kind: 'StatefulSet', name: 'mongo', replicas: 3, volumes: [newClaimVolume], partition: 1 }),
    );
    expect(volumeClaims).toEqual([]);
    expect(workload).toMatchObject({
      spec: {
        replicas: 3,
        serviceName: 'mongo',
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } },
        volumeClaimTemplates: [{ metadata: { name: 'web-data' }, spec: dataClaim.spec }],
        template: { spec: { containers: [{ volumeMounts: [{ name: 'web-data', mountPath: '/data' }] }] } },
      },
    });
    expect(workload).not.toHaveProperty(['spec', 'template', 'spec', 'volumes']);
  });

  it('makes one Service per chosen type, selecting the workload’s pods', () => {
    const { services } = toManifests(
      draft({
        ports: [
          { name: 'http', containerPort: 80, protocol: 'TCP', serviceType: 'ClusterIP', nodePort: '' },
          { name: 'admin', containerPort: 9000, protocol: 'TCP', serviceType: 'NodePort', nodePort: 30900 },
          { name: '', containerPort: 9100, protocol: 'TCP', serviceType: 'None', nodePort: '' },
        ],
      }),
    );
    expect(services).toEqual([
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'web', namespace: 'shop', labels: { 'bokujo.io/workload': 'web' } },
        spec: {
          type: 'ClusterIP',
          selector: { 'bokujo.io/workload': 'web' },
          ports: [{ name: 'http', port: 80, targetPort: 80, protocol: 'TCP' }],
        },
      },
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'web-nodeport', namespace: 'shop', labels: { 'bokujo.io/workload': 'web' } },
        spec: {
          type: 'NodePort',
          selector: { 'bokujo.io/workload': 'web' },
          ports: [{ name: 'admin', port: 9000, targetPort: 9000, protocol: 'TCP', nodePort: 30900 }],
        },
      },
    ]);
  });

  it('writes environment from values, Secret and ConfigMap keys and fields, and probes of each type', () => {
    const { workload } = toManifests(
      draft({
        env: [
          { name: 'MODE', source: 'value', value: 'prod', objectName: '', key: '' },
          { name: 'PASSWORD', source: 'secretKey', value: '', objectName: 'mongo-pass', key: 'password' },
          { name: 'POD_IP', source: 'field', value: 'status.podIP', objectName: '', key: '' },
        ],
        readinessProbe: { type: 'http', path: '/healthz', port: 8080, command: '' },
        livenessProbe: { type: 'exec', path: '', port: '', command: 'cat\n/tmp/ok' },
        command: '/bin/sh\n-c',
        args: 'sleep 3600',
        resources: { cpuRequest: '250m', cpuLimit: '', memoryRequest: '256Mi', memoryLimit: '1Gi' },
      }),
    );
    expect(workload).toMatchObject({
      spec: {
        template: {
          spec: {
            containers: [
              {
                command: ['/bin/sh', '-c'],
                args: ['sleep 3600'],
                env: [
                  { name: 'MODE', value: 'prod' },
                  { name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'mongo-pass', key: 'password' } } },
                  { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
                ],
                resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { memory: '1Gi' } },
                readinessProbe: { httpGet: { path: '/healthz', port: 8080 } },
                livenessProbe: { exec: { command: ['cat', '/tmp/ok'] } },
              },
            ],
          },
        },
      },
    });
  });

  it('schedules a CronJob and restarts its pods on failure', () => {
    const { workload } = toManifests(draft({ kind: 'CronJob', schedule: '0 3 * * *' }));
    expect(workload).toMatchObject({
      apiVersion: 'batch/v1',
      spec: { schedule: '0 3 * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure' } } } } },
    });
  });
});

describe('deploy form checks', () => {
  it('accepts a complete draft', () => {
    expect(checkDraft(draft({ volumes: [newClaimVolume] }))).toEqual({});
  });

  it('names each field that Kubernetes would refuse, and why', () => {
    expect(
      checkDraft(
        draft({
          name: 'Web_1',
          namespace: '',
          image: 'Nginx:latest',
          replicas: -1,
          ports: [
            { name: 'http', containerPort: 80, protocol: 'TCP', serviceType: 'NodePort', nodePort: 80 },
            { name: 'http-again', containerPort: 80, protocol: 'TCP', serviceType: 'None', nodePort: '' },
            { name: '', containerPort: 70000, protocol: 'UDP', serviceType: 'None', nodePort: '' },
          ],
          env: [{ name: '1X', source: 'configMapKey', value: '', objectName: '', key: '' }],
          resources: { cpuRequest: 'lots', cpuLimit: '', memoryRequest: '1Gi', memoryLimit: '' },
          volumes: [{ ...newClaimVolume, mountPath: 'data' }],
        }),
      ),
    ).toEqual({
      name: 'pattern',
      namespace: 'required',
      image: 'pattern',
      replicas: 'range',
      'ports.0.nodePort': 'range',
      'ports.1.containerPort': 'duplicate',
      'ports.2.containerPort': 'range',
      'env.0.name': 'pattern',
      'env.0.objectName': 'required',
      'env.0.key': 'required',
      'resources.cpuRequest': 'quantity',
      'volumes.0.mountPath': 'absolutePath',
    });
  });
});

describe('reading a workload back into the form', () => {
  const complete = draft({
    replicas: 2,
    ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP', serviceType: 'None', nodePort: '' }],
    env: [
      { name: 'MODE', source: 'value', value: 'prod', objectName: '', key: '' },
      { name: 'PASSWORD', source: 'secretKey', value: '', objectName: 'mongo-pass', key: 'password' },
    ],
    command: '/bin/sh\n-c',
    resources: { cpuRequest: '250m', cpuLimit: '1', memoryRequest: '', memoryLimit: '1Gi' },
    readinessProbe: { type: 'tcp', path: '/', port: 8080, command: '' },
    nodeSelector: [{ key: 'disk', value: 'ssd' }],
    tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'db', effect: 'NoSchedule' }],
    strategy: 'Recreate',
    labels: [{ key: 'tier', value: 'front' }],
    annotations: [{ key: 'team', value: 'shop' }],
    volumes: [
      {
        name: 'config',
        source: 'configMap',
        objectName: 'web-config',
        mountPath: '/etc/web',
        subPath: '',
        readOnly: true,
      },
    ],
  });

  it('gives back what the form wrote, so an edit changes only what the person changes', () => {
    const { workload } = toManifests(complete);
    expect(fromManifest(workload as WorkloadManifest)).toEqual(complete);
  });

  it('brings a StatefulSet’s claim templates back as new claims', () => {
    const stateful = draft({ kind: 'StatefulSet', name: 'mongo', volumes: [newClaimVolume] });
    const read = fromManifest(toManifests(stateful).workload);
    expect(read.volumes).toEqual([
      { ...newClaimVolume, name: 'web-data', claim: { metadata: { name: 'web-data' }, spec: dataClaim.spec } },
    ]);
  });

  it('clones under a new name, leaving out what Kubernetes wrote', () => {
    const manifest = toManifests(complete).workload as WorkloadManifest;
    manifest.metadata.annotations = { ...manifest.metadata.annotations, 'deployment.kubernetes.io/revision': '3' };
    const clone = cloneDraft(manifest);
    expect(clone.name).toBe('web-copy');
    expect(clone.annotations).toEqual([{ key: 'team', value: 'shop' }]);
  });
});

describe('editing a workload made elsewhere', () => {
  const original = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: 'api',
      namespace: 'shop',
      resourceVersion: '4711',
      labels: { app: 'api' },
      annotations: { 'deployment.kubernetes.io/revision': '3', owner: 'team-a' },
    },
    spec: {
      replicas: 2,
      revisionHistoryLimit: 5,
      selector: { matchLabels: { app: 'api' } },
      template: {
        metadata: { labels: { app: 'api' } },
        spec: {
          securityContext: { runAsNonRoot: true },
          containers: [
            { name: 'api', image: 'api:1', securityContext: { readOnlyRootFilesystem: true }, command: ['serve'] },
            { name: 'sidecar', image: 'envoy:1' },
          ],
        },
      },
    },
    status: { replicas: 2 },
  };

  it('changes what the form shows and keeps everything else, selector and resourceVersion included', () => {
    const edited = { ...fromManifest(original), image: 'api:2', command: '', replicas: 3 };
    const { workload } = applyDraft(original, edited);
    expect(workload).toMatchObject({
      metadata: {
        resourceVersion: '4711',
        labels: { app: 'api', 'bokujo.io/workload': 'api' },
        annotations: { 'deployment.kubernetes.io/revision': '3', owner: 'team-a' },
      },
      spec: {
        replicas: 3,
        revisionHistoryLimit: 5,
        selector: { matchLabels: { app: 'api' } },
        template: {
          metadata: { labels: { app: 'api', 'bokujo.io/workload': 'api' } },
          spec: {
            securityContext: { runAsNonRoot: true },
            containers: [
              { name: 'api', image: 'api:2', securityContext: { readOnlyRootFilesystem: true } },
              { name: 'sidecar', image: 'envoy:1' },
            ],
          },
        },
      },
    });
    expect(workload).not.toHaveProperty('status');
    expect(workload).not.toHaveProperty(['spec', 'template', 'spec', 'containers', 0, 'command']);
  });
});
