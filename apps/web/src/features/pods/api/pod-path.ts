/** The pod's API path; its subresources (`/log`, `/exec`) hang off it. */
export const podApiPath = (namespace: string, name: string) =>
  `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(name)}`;
