import { resolve } from 'node:path';
import Type from 'typebox';
import Value from 'typebox/value';

const LogLevel = Type.Enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/** The one source of truth for Bokujo's environment: its defaults, its checks and its type. */
export const EnvSchema = Type.Object({
  BOKUJO_HOST: Type.String({ minLength: 1, default: '127.0.0.1', description: 'Address to listen on' }),
  BOKUJO_PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 8080, description: 'Port to listen on' }),
  BOKUJO_DATA_DIR: Type.String({ minLength: 1, default: './data', description: 'Folder of the embedded store' }),
  BOKUJO_LOG_LEVEL: { ...LogLevel, default: 'info', description: 'Log level' },
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
  logLevel: Env['BOKUJO_LOG_LEVEL'];
  webDir: string;
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
  if (problems.size > 0) throw new ConfigError([...problems.values()]);
  const valid = env as Env;
  return {
    host: valid.BOKUJO_HOST,
    port: valid.BOKUJO_PORT,
    dataDir: resolve(valid.BOKUJO_DATA_DIR),
    logLevel: valid.BOKUJO_LOG_LEVEL,
    webDir: resolve(valid.BOKUJO_WEB_DIR),
  };
}

function describeProblem(name: string, value: unknown, message: string): string {
  const schema = EnvSchema.properties[name as keyof Env];
  const allowed = 'enum' in schema ? ` (one of: ${(schema.enum as string[]).join(', ')})` : '';
  return `${name}=${JSON.stringify(value)}: ${message}${allowed}`;
}
