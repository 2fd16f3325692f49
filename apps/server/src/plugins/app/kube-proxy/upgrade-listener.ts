import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { NotFoundError } from '../../../errors.ts';
import { isProxyPath } from './proxy-target.ts';
import { respondWithError } from './upgrade-proxy.ts';

export type UpgradeListener = (request: IncomingMessage, socket: Duplex, head: Buffer) => void;

/** Node 24.9+ lets a server decide per request whether an upgrade is one (the typings only know the option). */
type UpgradeAwareServer = Server & { shouldUpgradeCallback?: (request: IncomingMessage) => boolean };

/**
 * Makes the proxy the only handler of upgrades under `/k8s/clusters/` and leaves every other
 * path to whoever handled it before. Node emits `upgrade` to every listener, and two handlers
 * answering on one socket corrupt it, so listeners already present (a websocket plugin, say) are
 * wrapped: they keep receiving their own paths and never see the proxy's. Upgrade requests for
 * paths nobody handles are turned back into ordinary requests, so the router answers them (SPA,
 * 404) instead of the socket hanging or being destroyed. Call once the server is ready; returns
 * the function that removes the proxy's listener when the server closes (the wrapped listeners
 * are not put back: their owners detach them while closing).
 */
export function claimProxyUpgrades(server: Server, proxyUpgrade: UpgradeListener): () => void {
  const upgradeAware = server as UpgradeAwareServer;
  const earlier = server.listeners('upgrade') as UpgradeListener[];
  for (const listener of earlier) server.removeListener('upgrade', listener);
  const others = () => earlier.length > 0 || server.listenerCount('upgrade') > 1;

  const dispatch: UpgradeListener = (request, socket, head) => {
    if (isProxyPath(request.url)) {
      proxyUpgrade(request, socket, head);
      return;
    }
    for (const listener of earlier) listener.call(server, request, socket, head);
    // Reached only on a Node without shouldUpgradeCallback: nobody else would ever answer.
    if (!others())
      respondWithError(
        socket,
        new NotFoundError(`No route ${request.method ?? 'GET'} ${request.url?.split('?')[0] ?? ''}`),
      );
  };
  server.on('upgrade', dispatch);

  const previousCallback = upgradeAware.shouldUpgradeCallback;
  if (typeof previousCallback === 'function') {
    upgradeAware.shouldUpgradeCallback = (request) => isProxyPath(request.url) || others();
  }
  return () => {
    server.removeListener('upgrade', dispatch);
    if (typeof previousCallback === 'function') upgradeAware.shouldUpgradeCallback = previousCallback;
  };
}
