/**
 * Kubernetes' name rules (RFC 1123), checked in the browser as a person types and on the server
 * before a call, so both give the same answer the apiserver would.
 */
export type NameProblem = 'required' | 'pattern' | 'tooLong';

const labelPattern = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const subdomainPattern = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Most object names (StorageClass, PVC, Deployment, ConfigMap): up to 253 characters, dots allowed. */
export function checkDnsSubdomain(name: string): NameProblem | undefined {
  if (!name) return 'required';
  if (name.length > 253) return 'tooLong';
  return subdomainPattern.test(name) ? undefined : 'pattern';
}

/** Namespaces, Services, container and port names: up to 63 characters, no dots. */
export function checkDnsLabel(name: string, maxLength = 63): NameProblem | undefined {
  if (!name) return 'required';
  if (name.length > maxLength) return 'tooLong';
  return labelPattern.test(name) ? undefined : 'pattern';
}

/**
 * A container image reference as the container runtime parses it: optional registry (with port),
 * path components, then an optional tag and/or digest. Upper case is allowed only in the registry.
 */
const imageReferencePattern =
  /^(?:(?:[a-zA-Z0-9-]+\.)*[a-zA-Z0-9-]+(?::[0-9]+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$/;

export function checkImageReference(image: string): 'required' | 'pattern' | undefined {
  if (!image.trim()) return 'required';
  return imageReferencePattern.test(image.trim()) ? undefined : 'pattern';
}
