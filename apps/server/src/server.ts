import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';

async function main() {
  const shutdown = loadShutdownSettings(process.env);
  const config = loadConfig(process.env);
  await mkdir(config.dataDir, { recursive: true });
  const app = await buildApp(config, {
    level: config.logLevel,
    redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]'],
  });

  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) {
        app.log.warn({ signal }, 'second signal during shutdown: exiting now');
        process.exit(1);
      }
      stopping = true;
      void shutDown(app, signal, shutdown);
    });
  }

  await app.listen({ host: config.host, port: config.port });
  const scheme = config.tls ? 'https' : 'http';
  app.log.info(
    { url: `${scheme}://${config.host}:${addressPort(app.server.address())}`, leadership: app.leadership.mode },
    'Bokujo is ready',
  );
}

interface ShutdownSettings {
  /** After this, shutdown gives up waiting and the process exits 1. */
  timeoutMs: number;
  /** Readiness fails this long before the server stops accepting, for load balancers to notice. */
  delayMs: number;
}

/**
 * Graceful shutdown, bounded: readiness answers 503 at once; after the optional delay the server
 * stops accepting and leadership goes to another replica; watches, shells and websockets are ended
 * (preClose hooks), requests in flight finish, the store closes, and the process exits 0. Whatever
 * still hangs at the deadline is abandoned with exit code 1 and a log line saying so.
 */
async function shutDown(app: FastifyInstance, signal: string, { timeoutMs, delayMs }: ShutdownSettings) {
  const startedAt = Date.now();
  app.log.info(
    { signal, timeoutSeconds: timeoutMs / 1000, delaySeconds: delayMs / 1000 },
    'shutting down: readiness fails now; requests in flight finish',
  );
  const deadline = setTimeout(() => {
    app.log.error(
      { timeoutSeconds: timeoutMs / 1000 },
      'shutdown did not finish within BOKUJO_SHUTDOWN_TIMEOUT_SECONDS; exiting with work still in flight',
    );
    process.exit(1);
  }, timeoutMs);
  app.draining = true;
  try {
    if (delayMs > 0) await sleep(delayMs);
    await app.close();
  } catch (error) {
    app.log.error({ err: error }, 'shutdown failed');
    process.exit(1);
  }
  clearTimeout(deadline);
  app.log.info({ durationMs: Date.now() - startedAt }, 'shut down cleanly');
  process.exit(0);
}

/**
 * Read here rather than in the config schema: they concern the process, not the app that tests
 * build in-process. Bad values stop the start like any other configuration problem.
 */
function loadShutdownSettings(environment: Record<string, string | undefined>): ShutdownSettings {
  const problems: string[] = [];
  const seconds = (name: string, fallback: number, max: number) => {
    const text = environment[name];
    if (text === undefined || text === '') return fallback;
    const value = Number(text);
    if (!Number.isInteger(value) || value < 0 || value > max) {
      problems.push(`${name}=${JSON.stringify(text)}: must be a whole number of seconds from 0 to ${max}`);
      return fallback;
    }
    return value;
  };
  const timeout = seconds('BOKUJO_SHUTDOWN_TIMEOUT_SECONDS', 25, 3600);
  const delay = seconds('BOKUJO_SHUTDOWN_DELAY_SECONDS', 0, 300);
  if (problems.length === 0 && delay >= timeout && timeout > 0) {
    problems.push(
      `BOKUJO_SHUTDOWN_DELAY_SECONDS=${delay}: must be shorter than BOKUJO_SHUTDOWN_TIMEOUT_SECONDS (${timeout})`,
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return { timeoutMs: timeout * 1000, delayMs: delay * 1000 };
}

function addressPort(address: AddressInfo | string | null) {
  return typeof address === 'object' && address ? address.port : address;
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(78);
  }
  process.stderr.write(
    `Bokujo failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
