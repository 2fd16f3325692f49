import type { OutgoingHttpHeaders } from 'node:http';

/** Headers as Node hands them over (`headers` or `headersDistinct`), or as a test writes them. */
export type HeaderInput = Readonly<Record<string, string | number | readonly string[] | undefined>>;

/** The Kubernetes identity a request runs as, from `kubernetesIdentity(principal)`. */
export interface ImpersonatedIdentity {
  user: string;
  groups: readonly string[];
}

/**
 * Headers that only describe one hop (RFC 9110 section 7.6.1, plus the old `Keep-Alive` and
 * `Proxy-Connection`). A proxy answers for its own hop, so none of them is copied across.
 */
const hopByHopHeaders = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'http2-settings',
]);

/**
 * Headers that would let a caller speak with some authority other than the one Bokujo grants:
 * their own credentials for the apiserver, Bokujo's own cookie and CSRF secret (the apiserver has
 * no business seeing them), and `Host`/`Expect`, which belong to the connection Bokujo opens.
 */
const callerOnlyHeaders = new Set(['authorization', 'cookie', 'x-csrf-token', 'host', 'expect']);

/**
 * Identity-asserting header families. `Impersonate-*` covers User, Group, Uid and every
 * `Impersonate-Extra-<key>`. The others are what kube-apiserver's request-header authenticator
 * (`--requestheader-username-headers` and friends) or an authenticating front proxy usually
 * reads; if Bokujo's client certificate were ever signed by the front-proxy CA, the apiserver
 * would believe them, so a caller must never be able to set them.
 */
const identityHeaderPrefixes = [
  'impersonate-',
  'x-remote-',
  'x-forwarded-user',
  'x-forwarded-email',
  'x-forwarded-groups',
  'x-forwarded-preferred-username',
  'x-auth-request-',
];

/**
 * kube-apiserver also accepts a bearer token smuggled in as a websocket subprotocol (browsers
 * cannot set `Authorization` on a websocket); such an offer is a caller's credential too.
 */
const bearerSubprotocolPrefix = 'base64url.bearer.authorization.k8s.io.';

/** Response headers an apiserver must not be able to set on Bokujo's origin. */
const upstreamOnlyResponseHeaders = new Set(['set-cookie', 'set-cookie2']);

function values(value: HeaderInput[string]): string[] {
  if (value === undefined) return [];
  if (typeof value === 'string') return [value];
  if (typeof value === 'number') return [String(value)];
  return [...value];
}

/**
 * Header names a message lists in its `Connection` header. They are hop-by-hop by declaration,
 * and a proxy that forwards them lets the caller pick which of its *own* headers the next hop
 * drops, the trick behind Rancher's CVE-2021-31999 (`Connection: Impersonate-User`).
 */
export function connectionNamedHeaders(headers: HeaderInput): Set<string> {
  const named = new Set<string>();
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() !== 'connection') continue;
    for (const line of values(value)) {
      for (const token of line.split(',')) {
        const trimmed = token.trim().toLowerCase();
        if (trimmed) named.add(trimmed);
      }
    }
  }
  return named;
}

function isIdentityHeader(name: string): boolean {
  return identityHeaderPrefixes.some((prefix) => name.startsWith(prefix));
}

/**
 * The caller's headers that may travel on to the apiserver: everything end-to-end except
 * credentials, identity assertions, hop-by-hop headers and whatever `Connection` names. Names
 * come back lower-case with every value kept apart, so repeated headers stay repeated.
 */
export function forwardableRequestHeaders(headers: HeaderInput): Record<string, string[]> {
  const named = connectionNamedHeaders(headers);
  const kept: Record<string, string[]> = {};
  for (const [rawName, value] of Object.entries(headers)) {
    const name = rawName.toLowerCase();
    if (name.startsWith(':')) continue; // HTTP/2 pseudo-headers are not headers at all.
    if (hopByHopHeaders.has(name) || callerOnlyHeaders.has(name) || named.has(name) || isIdentityHeader(name)) continue;
    const list = name === 'sec-websocket-protocol' ? withoutBearerSubprotocols(values(value)) : values(value);
    if (list.length > 0) kept[name] = [...(kept[name] ?? []), ...list];
  }
  return kept;
}

function withoutBearerSubprotocols(lines: string[]): string[] {
  return lines
    .map((line) =>
      line
        .split(',')
        .map((protocol) => protocol.trim())
        .filter((protocol) => protocol && !protocol.toLowerCase().startsWith(bearerSubprotocolPrefix))
        .join(', '),
    )
    .filter((line) => line.length > 0);
}

export interface UpstreamRequestHeaderOptions {
  identity: ImpersonatedIdentity;
  /** Bokujo's own bearer token for the cluster; absent when it authenticates by client certificate. */
  bearerToken?: string | undefined;
  /** The protocol of an upgrade request (`websocket`, `SPDY/3.1`), re-declared for Bokujo's own hop. */
  upgrade?: string | undefined;
}

/**
 * Everything sent to the apiserver: the caller's forwardable headers, then Bokujo's credential
 * and the person's impersonation headers. Bokujo's own headers are added after filtering and the
 * caller's `Connection` is never forwarded, so nothing the caller sends can remove or replace them.
 */
export function upstreamRequestHeaders(
  incoming: HeaderInput,
  options: UpstreamRequestHeaderOptions,
): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = forwardableRequestHeaders(incoming);
  if (options.bearerToken !== undefined) headers['authorization'] = `Bearer ${headerValue(options.bearerToken)}`;
  headers['impersonate-user'] = headerValue(options.identity.user);
  headers['impersonate-group'] = options.identity.groups.map(headerValue);
  if (options.upgrade !== undefined) {
    headers['connection'] = 'Upgrade';
    headers['upgrade'] = headerValue(options.upgrade);
  }
  return headers;
}

/**
 * The apiserver's response headers that may reach the caller: hop-by-hop headers, anything the
 * apiserver's `Connection` names and cookies are dropped; the rest (content type, audit id,
 * `Warning`, priority-and-fairness ids) passes unchanged.
 */
export function forwardableResponseHeaders(headers: HeaderInput): Record<string, string | string[]> {
  const named = connectionNamedHeaders(headers);
  const kept: Record<string, string | string[]> = {};
  for (const [rawName, value] of Object.entries(headers)) {
    const name = rawName.toLowerCase();
    if (hopByHopHeaders.has(name) || upstreamOnlyResponseHeaders.has(name) || named.has(name)) continue;
    const list = values(value);
    if (list.length === 1) kept[name] = list[0] as string;
    else if (list.length > 1) kept[name] = list;
  }
  return kept;
}

/**
 * A header value Node will send. Node writes header strings as Latin-1, so a name such as
 * `bokujo:山田` would be refused; its UTF-8 bytes, spelled as a Latin-1 string, reach the wire
 * unchanged and Go (the apiserver) reads them back as the UTF-8 text they are. Control
 * characters can never be part of a header value and mean a bug upstream of this function.
 */
export function headerValue(value: string): string {
  let ascii = true;
  for (let index = 0; index < value.length; index += 1) {
    const code = value.charCodeAt(index);
    // Tab is the one control character a header value may hold.
    if ((code < 0x20 && code !== 0x09) || code === 0x7f) throw new Error('header value contains a control character');
    if (code > 0x7f) ascii = false;
  }
  return ascii ? value : Buffer.from(value, 'utf8').toString('latin1');
}
