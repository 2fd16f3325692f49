/** Most Kubernetes object names (StorageClass, PVC) are DNS subdomains (RFC 1123). */
const subdomainPattern = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const subdomainMaxLength = 253;

export type NameProblem = 'required' | 'pattern' | 'tooLong';

export function checkObjectName(name: string): NameProblem | undefined {
  if (!name) return 'required';
  if (name.length > subdomainMaxLength) return 'tooLong';
  if (!subdomainPattern.test(name)) return 'pattern';
  return undefined;
}
