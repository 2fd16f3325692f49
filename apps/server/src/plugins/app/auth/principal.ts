/** The signed-in person a request acts for, as Bokujo knows them. */
export interface Principal {
  userId: string;
  username: string;
  /**
   * Bokujo-side groups and, for a login through a provider, the provider's groups prefixed with
   * `<kind>-<provider id>:` so they cannot pass for local ones; never Kubernetes system groups.
   */
  groups: string[];
  isAdmin: boolean;
  /** How the request proved who it is: a browser session (needs CSRF) or an API token (does not). */
  via: 'session' | 'token';
  /** Set for `via: 'session'`. */
  sessionId?: string;
  /** Set for `via: 'token'`. */
  tokenId?: string;
  /** The external provider the session or token came through; absent for a local login. */
  providerId?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the auth plugin before any handler of a non-public route runs. */
    principal?: Principal;
  }
}

/**
 * The Kubernetes identity Bokujo impersonates for a person. The `bokujo:` prefix keeps Bokujo's
 * people apart from the cluster's own users; group `system:authenticated` is what Kubernetes adds
 * for any authenticated user, and impersonation must name it explicitly.
 */
export function kubernetesIdentity(principal: Pick<Principal, 'username' | 'groups'>) {
  return {
    user: `bokujo:${principal.username}`,
    groups: [...principal.groups.map((group) => `bokujo:${group}`), 'system:authenticated'],
  };
}
