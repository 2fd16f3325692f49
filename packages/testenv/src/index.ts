export { ensureBinaries, readBuildManifest, type Binaries, type BuildManifest, type Versions } from './binaries.ts';
export {
  getCluster,
  listClusters,
  startCluster,
  stopCluster,
  type Cluster,
  type ClusterSummary,
  type Identity,
  type StartClusterOptions,
} from './cluster.ts';
export { demoLabel, demoObjects } from './demo-data.ts';
export { defaultIdentities, type IdentitySpec } from './pki.ts';
export { viewersGroup } from './seed.ts';
export {
  annotations as storageAnnotations,
  blockProvisioner,
  fileProvisioner,
  qosTypes,
  seedStorageClasses,
  type QosType,
} from './storage-backends.ts';
