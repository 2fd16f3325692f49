import { BlockList, isIP } from 'node:net';

const maxServerLength = 2048;

/**
 * Addresses an upload must never make Bokujo call: link-local ranges hold the cloud metadata
 * services (instance credentials), so reaching them from the server would be SSRF. Loopback and
 * private ranges stay allowed: clusters legitimately live there, tests included.
 */
const forbiddenAddresses = new BlockList();
forbiddenAddresses.addSubnet('169.254.0.0', 16, 'ipv4');
forbiddenAddresses.addAddress('100.100.100.200', 'ipv4'); // Alibaba Cloud's metadata service
forbiddenAddresses.addSubnet('fe80::', 10, 'ipv6');
forbiddenAddresses.addAddress('fd00:ec2::254', 'ipv6'); // AWS's IPv6 metadata service
forbiddenAddresses.addSubnet('64:ff9b::a9fe:0', 112, 'ipv6'); // 169.254.0.0/16 through NAT64

const metadataHostnames = new Set(['metadata.google.internal', 'metadata.goog', 'instance-data.ec2.internal']);

/**
 * True for link-local and cloud metadata addresses. The connection step should apply it to the
 * addresses a host name resolves to as well, since a name can point anywhere.
 */
export function isForbiddenAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  return forbiddenAddresses.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

export type ServerCheck = { ok: true; server: string } | { ok: false; reason: string };

/**
 * Checks a kubeconfig `server` value and returns it normalised (no trailing slash), or why it is
 * refused. Reasons never repeat the URL: it may carry a password.
 */
export function checkServerUrl(value: string): ServerCheck {
  const refuse = (reason: string): ServerCheck => ({ ok: false, reason });
  if (value.length > maxServerLength) return refuse(`is longer than ${maxServerLength} characters`);
  // The URL parser silently drops tabs and line breaks, so `https://exa\nmple.com` would change meaning.
  if (/[\s\p{Cc}]/u.test(value)) return refuse('contains spaces or control characters');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1]?.toLowerCase();
  if (scheme === 'http') return refuse('must use https://; plain http would send the credential unencrypted');
  if (scheme !== 'https' || !value.slice(scheme.length + 1).startsWith('//')) {
    return refuse('must be an https:// URL (sockets, files and other schemes are not allowed)');
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return refuse('is not a valid URL');
  }
  if (url.username !== '' || url.password !== '') {
    return refuse('must not contain a user name or password; put the credential in the user entry');
  }
  if (value.includes('?') || value.includes('#')) return refuse('must not contain a query (?) or a fragment (#)');
  const host = url.hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (isForbiddenAddress(host) || metadataHostnames.has(host)) {
    return refuse('points at a link-local or cloud metadata address, which Bokujo never calls');
  }
  const path = url.pathname.replace(/\/+$/, '');
  return { ok: true, server: `${url.origin}${path}` };
}
