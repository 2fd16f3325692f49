import { createPrivateKey, type KeyObject, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Type from 'typebox';
import Value from 'typebox/value';
import { parseSecretKey } from './plugins/app/store/secret-box.ts';

const LogLevel = Type.Enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/** The one source of truth for Bokujo's environment: its defaults, its checks and its type. */
export const EnvSchema = Type.Object({
  BOKUJO_HOST: Type.String({ minLength: 1, default: '127.0.0.1', description: 'Address to listen on' }),
  BOKUJO_PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 8080, description: 'Port to listen on' }),
  BOKUJO_DATA_DIR: Type.String({ minLength: 1, default: './data', description: 'Folder of the embedded store' }),
  BOKUJO_DATABASE_URL: Type.Optional(
    Type.String({
      minLength: 1,
      description: 'postgres://user:password@host:5432/database to keep the store in PostgreSQL (else SQLite)',
    }),
  ),
  BOKUJO_LOG_LEVEL: { ...LogLevel, default: 'info', description: 'Log level' },
  BOKUJO_SECRET_KEY: Type.Optional(
    Type.String({
      pattern: '^([A-Za-z0-9+/]{43}=|[0-9a-fA-F]{64})$',
      description: 'Key of the secret box: 32 bytes as base64 or hex (else a key file in the data dir)',
    }),
  ),
  BOKUJO_BOOTSTRAP_PASSWORD: Type.Optional(
    Type.String({ minLength: 12, description: 'First password of `admin` (else one is generated and logged once)' }),
  ),
  BOKUJO_SESSION_IDLE_MINUTES: Type.Integer({ minimum: 1, maximum: 10080, default: 60, description: 'Idle timeout' }),
  BOKUJO_SESSION_MAX_HOURS: Type.Integer({ minimum: 1, maximum: 720, default: 16, description: 'Absolute timeout' }),
  BOKUJO_CLUSTER_CHECK_SECONDS: Type.Integer({
    minimum: 1,
    maximum: 3600,
    default: 30,
    description: 'Seconds between health checks of a healthy cluster',
  }),
  BOKUJO_TRUST_PROXY: Type.Boolean({
    default: false,
    description: 'Trust X-Forwarded-* from a reverse proxy (TLS terminator)',
  }),
  BOKUJO_TLS_CERT_FILE: Type.Optional(
    Type.String({
      minLength: 1,
      description: 'PEM certificate (chain) to serve https with; needs BOKUJO_TLS_KEY_FILE (else plain http)',
    }),
  ),
  BOKUJO_TLS_KEY_FILE: Type.Optional(
    Type.String({ minLength: 1, description: 'PEM private key of BOKUJO_TLS_CERT_FILE (unencrypted)' }),
  ),
  BOKUJO_WEB_DIR: Type.String({
    minLength: 1,
    default: resolve(import.meta.dirname, '../../web/dist'),
    description: 'Folder of the built SPA that the server serves',
  }),
});
export type Env = Type.Static<typeof EnvSchema>;

export interface Config {
  host: string;
  port: number;
  dataDir: string;
  /** The PostgreSQL store's URL; undefined for the embedded SQLite store in `dataDir`. */
  databaseUrl: string | undefined;
  logLevel: Env['BOKUJO_LOG_LEVEL'];
  webDir: string;
  secretKey: Buffer | undefined;
  bootstrapPassword: string | undefined;
  sessionIdleMs: number;
  sessionMaxMs: number;
  trustProxy: boolean;
  clusterCheckIntervalMs: number;
  /** Serve https with this certificate and key; plain http when undefined. */
  tls: TlsConfig | undefined;
}

export interface TlsConfig {
  certFile: string;
  keyFile: string;
  /** PEM text of the certificate file, also handed out in downloaded kubeconfigs as the CA. */
  cert: string;
  /** PEM text of the private key. */
  key: string;
}

export class ConfigError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`Bokujo cannot start; fix these environment variables:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Reads every BOKUJO_* variable; reports all bad ones together so one restart fixes them all. */
export function loadConfig(environment: Record<string, string | undefined>): Config {
  const known = Object.keys(EnvSchema.properties);
  const given = Object.fromEntries(
    known.flatMap((key) => {
      const value = environment[key];
      return value === undefined || value === '' ? [] : [[key, value]];
    }),
  );
  const env = Value.Convert(EnvSchema, Value.Default(EnvSchema, { ...given }));
  const problems = new Map<string, string>();
  for (const error of Value.Errors(EnvSchema, env)) {
    const name = error.instancePath.slice(1);
    if (!problems.has(name)) problems.set(name, describeProblem(name, given[name], error.message));
  }
  const tls = loadTls(env as Env, problems);
  checkDatabaseUrl((env as Env).BOKUJO_DATABASE_URL, problems);
  if (problems.size > 0) throw new ConfigError([...problems.values()]);
  const valid = env as Env;
  return {
    host: valid.BOKUJO_HOST,
    port: valid.BOKUJO_PORT,
    dataDir: resolve(valid.BOKUJO_DATA_DIR),
    databaseUrl: valid.BOKUJO_DATABASE_URL,
    logLevel: valid.BOKUJO_LOG_LEVEL,
    webDir: resolve(valid.BOKUJO_WEB_DIR),
    secretKey: valid.BOKUJO_SECRET_KEY ? parseSecretKey(valid.BOKUJO_SECRET_KEY) : undefined,
    bootstrapPassword: valid.BOKUJO_BOOTSTRAP_PASSWORD,
    sessionIdleMs: valid.BOKUJO_SESSION_IDLE_MINUTES * 60_000,
    sessionMaxMs: valid.BOKUJO_SESSION_MAX_HOURS * 3_600_000,
    trustProxy: valid.BOKUJO_TRUST_PROXY,
    clusterCheckIntervalMs: valid.BOKUJO_CLUSTER_CHECK_SECONDS * 1000,
    tls,
  };
}

/**
 * Reads and checks the TLS pair at start, so a typo or a key of another certificate stops the
 * start with the variable's name instead of failing at the first handshake.
 */
function loadTls(env: Env, problems: Map<string, string>): TlsConfig | undefined {
  const certFile = env.BOKUJO_TLS_CERT_FILE;
  const keyFile = env.BOKUJO_TLS_KEY_FILE;
  if (certFile === undefined && keyFile === undefined) return undefined;
  if (certFile === undefined || keyFile === undefined) {
    const [missing, set] = certFile === undefined ? (['CERT', 'KEY'] as const) : (['KEY', 'CERT'] as const);
    problems.set(
      `BOKUJO_TLS_${missing}_FILE`,
      `BOKUJO_TLS_${missing}_FILE is not set, but BOKUJO_TLS_${set}_FILE is: https needs both or neither`,
    );
    return undefined;
  }
  const cert = readPem('BOKUJO_TLS_CERT_FILE', certFile, problems);
  const key = readPem('BOKUJO_TLS_KEY_FILE', keyFile, problems);
  if (cert === undefined || key === undefined) return undefined;

  let certificate: X509Certificate | undefined;
  try {
    if (!cert.includes('-----BEGIN CERTIFICATE-----')) throw new Error('no BEGIN CERTIFICATE line');
    certificate = new X509Certificate(cert);
  } catch (error) {
    problems.set(
      'BOKUJO_TLS_CERT_FILE',
      `BOKUJO_TLS_CERT_FILE=${JSON.stringify(certFile)}: not a PEM certificate (${reason(error)})`,
    );
  }
  let privateKey: KeyObject | undefined;
  try {
    privateKey = createPrivateKey(key);
  } catch (error) {
    problems.set(
      'BOKUJO_TLS_KEY_FILE',
      `BOKUJO_TLS_KEY_FILE=${JSON.stringify(keyFile)}: not an unencrypted PEM private key (${reason(error)})`,
    );
  }
  if (!certificate || !privateKey) return undefined;
  if (!certificate.checkPrivateKey(privateKey)) {
    problems.set(
      'BOKUJO_TLS_KEY_FILE',
      `BOKUJO_TLS_KEY_FILE=${JSON.stringify(keyFile)}: this key does not belong to the certificate in BOKUJO_TLS_CERT_FILE`,
    );
    return undefined;
  }
  return { certFile: resolve(certFile), keyFile: resolve(keyFile), cert, key };
}

/** A URL that pg would misread (or read as another server) stops the start, naming the variable. */
function checkDatabaseUrl(value: string | undefined, problems: Map<string, string>) {
  if (value === undefined || problems.has('BOKUJO_DATABASE_URL')) return;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    // The value may hold a password: it is never echoed.
  }
  const problem = !url
    ? 'is not a URL'
    : url.protocol !== 'postgres:' && url.protocol !== 'postgresql:'
      ? `has the scheme ${JSON.stringify(url.protocol)}; it must be postgres: or postgresql:`
      : !url.hostname && !url.searchParams.has('host')
        ? 'names no host'
        : url.pathname.length <= 1
          ? 'names no database (postgres://user:password@host:5432/database)'
          : undefined;
  if (problem) problems.set('BOKUJO_DATABASE_URL', `BOKUJO_DATABASE_URL=(hidden): ${problem}`);
}

function readPem(name: string, file: string, problems: Map<string, string>): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : reason(error);
    problems.set(name, `${name}=${JSON.stringify(file)}: cannot read the file (${code})`);
    return undefined;
  }
}

function reason(error: unknown) {
  return error instanceof Error ? error.message : String(error);
}

function describeProblem(name: string, value: unknown, message: string): string {
  const schema = EnvSchema.properties[name as keyof Env];
  const allowed = 'enum' in schema ? ` (one of: ${(schema.enum as string[]).join(', ')})` : '';
  // Secrets are named, never echoed.
  const shown = /SECRET|PASSWORD|DATABASE_URL/.test(name) ? '(hidden)' : JSON.stringify(value);
  return `${name}=${shown}: ${message}${allowed}`;
}
