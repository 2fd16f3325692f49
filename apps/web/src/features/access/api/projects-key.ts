/** The cluster's namespaces in no project; refreshed with the projects after any change to them. */
export const unassignedNamespacesKey = (clusterId: string) => ['k8s', clusterId, 'v1', 'namespaces'] as const;
