import { PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
import pg from 'pg';

const { Pool, types } = pg;
const int8: number = types.builtins.INT8;

/**
 * Kysely's PostgreSQL dialect over a `pg` pool, made to hand the queries the same values the
 * SQLite store sees: the schema keeps booleans as 0/1 integers and times as ISO-8601 text, so
 * booleans go in as 1/0 and dates as ISO text (pg would send `true` and a local-time string),
 * and 64-bit integers (`count(*)`) come back as numbers rather than strings.
 */
export function postgresDialect(url: string) {
  const pool = new Pool({
    connectionString: url,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === int8 ? Number : (types.getTypeParser(oid, format) as unknown)) as typeof types.getTypeParser,
    },
  });
  // An idle connection that the server drops (restart, failover) must not crash the process;
  // the pool discards it and the next query opens a new one or reports the outage.
  pool.on('error', () => {});
  // Kysely keeps its connection state per client object, so each pooled client keeps one wrapper.
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const adapted: PostgresPool = {
    options: pool.options,
    async connect() {
      const client = await pool.connect();
      let wrapper = wrappers.get(client);
      if (!wrapper) {
        wrapper = {
          query: ((query: string, parameters?: readonly unknown[]) =>
            client.query(query, parameters?.map(toPgValue))) as unknown as PostgresPoolClient['query'],
          release: (destroy?: boolean) => client.release(destroy),
        };
        wrappers.set(client, wrapper);
      }
      return wrapper;
    },
    end: () => pool.end(),
  };
  return { dialect: new PostgresDialect({ pool: adapted }), pool };
}

function toPgValue(value: unknown) {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString();
  return value;
}
