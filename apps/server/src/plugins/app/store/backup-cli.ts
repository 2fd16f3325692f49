// `npm run backup -w @bokujo/server -- <file>` and `npm run restore -w @bokujo/server -- [--force] <file>`:
// the store named by the same environment as the server (BOKUJO_DATABASE_URL, else BOKUJO_DATA_DIR).
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../../config.ts';
import { backupStore, restoreStore } from './backup.ts';
import { openSecretBox } from './secret-box.ts';
import { openStore } from './store.ts';

const usage = `Usage:
  backup <file>            write a backup of the store to <file>
  restore [--force] <file> restore <file> into the store (--force replaces a store that holds data)

The store is the server's: BOKUJO_DATABASE_URL (PostgreSQL), else BOKUJO_DATA_DIR (SQLite).
The secret key is not in a backup: keep BOKUJO_SECRET_KEY or the data dir's secret.key too.`;

const say = (line: string) => process.stdout.write(`${line}\n`);
const complain = (line: string) => process.stderr.write(`${line}\n`);

async function main(argv: string[]) {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { force: { type: 'boolean', default: false }, help: { type: 'boolean', default: false } },
  });
  const [command, target, ...rest] = positionals;
  if (values.help || !target || rest.length > 0 || (command !== 'backup' && command !== 'restore')) {
    complain(usage);
    return 2;
  }
  // npm runs workspace scripts in the workspace folder; a relative file means the caller's folder.
  const file = resolve(process.env['INIT_CWD'] ?? process.cwd(), target);
  const config = loadConfig(process.env);
  const location = { dataDir: config.dataDir, databaseUrl: config.databaseUrl };
  const storeName = config.databaseUrl ? 'PostgreSQL store' : `SQLite store in ${config.dataDir}`;

  if (command === 'backup') {
    if (values.force) complain('--force only applies to restore');
    const result = await backupStore(location, file);
    say(`Backed up the ${storeName} (migration ${result.level}) to ${file}`);
    say('The secret key is not in the backup: keep BOKUJO_SECRET_KEY or the data dir secret.key with it.');
    return 0;
  }

  const result = await restoreStore(location, file, { force: values.force });
  say(`Restored ${file} (migration ${result.level}) into the ${storeName}, migrated to ${result.migratedTo}`);
  // The server would refuse to start without the backed-up server's key: say so now.
  const db = await openStore(location);
  try {
    await openSecretBox(db, config.dataDir, config.secretKey);
  } catch (error) {
    complain(`But the server will not start with this key: ${(error as Error).message}`);
    return 1;
  } finally {
    await db.destroy();
  }
  return 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  complain(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
