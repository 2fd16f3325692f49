// Copies the production dependency closure of one workspace out of an installed node_modules.
// Usage: node docker/runtime-deps.ts <repo-dir> <workspace-path> <out-dir>
//
// The image's build stage already ran a full `npm ci` (the SPA build needs the dev tools); walking
// package-lock.json from there gives what `npm ci --omit=dev` would install, without a second
// download, and the same code runs on a machine with no registry at all (see image-layout.test.ts).
import { cpSync, existsSync, mkdirSync, readFileSync, readlinkSync, symlinkSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

interface LockEntry {
  link?: boolean;
  resolved?: string;
  dev?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

interface Lockfile {
  lockfileVersion: number;
  packages: Record<string, LockEntry>;
}

export interface Closure {
  /** Lock paths of real package folders, e.g. `node_modules/fastify`. */
  packages: string[];
  /** Lock paths of workspace links with the workspace folder they point at. */
  links: { path: string; target: string }[];
}

/**
 * Resolves as Node does: `<from>/node_modules/<name>`, then each enclosing node_modules up to
 * the root. A workspace folder (`apps/server`) is not inside node_modules, so it falls back to
 * the root's.
 */
function resolveFrom(lock: Lockfile, from: string, name: string): string | undefined {
  let base = from;
  for (;;) {
    const candidate = `${base ? `${base}/` : ''}node_modules/${name}`;
    if (lock.packages[candidate]) return candidate;
    if (!base) return undefined;
    const cut = base.lastIndexOf('/node_modules/');
    base = cut >= 0 ? base.slice(0, cut) : base.startsWith('node_modules/') ? '' : '';
  }
}

/**
 * Walks dependencies, optional dependencies and required peers of `workspace`; optional ones
 * count only when installed (npm skips those for other platforms, such as argon2's other builds).
 */
export function productionClosure(repoDir: string, workspace: string): Closure {
  const lock = JSON.parse(readFileSync(join(repoDir, 'package-lock.json'), 'utf8')) as Lockfile;
  if (lock.lockfileVersion < 2) throw new Error('package-lock.json must be lockfileVersion 2 or 3');
  if (!lock.packages[workspace]) throw new Error(`package-lock.json has no workspace "${workspace}"`);
  const packages = new Set<string>();
  const links = new Map<string, string>();
  const visited = new Set<string>();
  const queue = [workspace];
  while (queue.length > 0) {
    const from = queue.shift() as string;
    if (visited.has(from)) continue;
    visited.add(from);
    const entry = lock.packages[from] ?? {};
    const wanted = [
      ...Object.keys(entry.dependencies ?? {}).map((name) => ({ name, optional: false })),
      ...Object.keys(entry.optionalDependencies ?? {}).map((name) => ({ name, optional: true })),
      ...Object.keys(entry.peerDependencies ?? {}).map((name) => ({
        name,
        optional: entry.peerDependenciesMeta?.[name]?.optional === true,
      })),
    ];
    for (const { name, optional } of wanted) {
      const path = resolveFrom(lock, from, name);
      if (!path || !existsSync(join(repoDir, path))) {
        if (optional) continue;
        throw new Error(`${from || 'the root'} needs ${name}, which is not installed; run npm ci first`);
      }
      const target = lock.packages[path];
      if (target?.link) {
        if (!target.resolved) throw new Error(`${path} is a link without a target in package-lock.json`);
        links.set(path, target.resolved);
        queue.push(target.resolved);
      } else {
        packages.add(path);
        queue.push(path);
      }
    }
  }
  return {
    packages: [...packages].sort(),
    links: [...links].map(([path, target]) => ({ path, target })).sort((a, b) => a.path.localeCompare(b.path)),
  };
}

/** Copies each package without its nested node_modules (those in the closure are copied themselves). */
export function copyClosure(repoDir: string, closure: Closure, outDir: string): void {
  for (const path of closure.packages) {
    const source = join(repoDir, path);
    cpSync(source, join(outDir, path), {
      recursive: true,
      filter: (file) => relative(source, file).split('/')[0] !== 'node_modules',
    });
  }
  for (const { path, target } of closure.links) {
    const link = join(outDir, path);
    mkdirSync(dirname(link), { recursive: true });
    // Keep npm's relative link so the layout can move (the image puts it in /app).
    const existing = join(repoDir, path);
    const relativeTarget = existsSync(existing)
      ? readlinkSync(existing)
      : relative(dirname(link), join(outDir, target));
    symlinkSync(relativeTarget, link);
  }
}

if (import.meta.filename === resolve(process.argv[1] ?? '')) {
  const [repoDir, workspace, outDir] = process.argv.slice(2);
  if (!repoDir || !workspace || !outDir) {
    process.stderr.write('usage: node docker/runtime-deps.ts <repo-dir> <workspace-path> <out-dir>\n');
    process.exit(2);
  }
  const closure = productionClosure(resolve(repoDir), workspace);
  copyClosure(resolve(repoDir), closure, resolve(outDir));
  process.stdout.write(`${closure.packages.length} packages, ${closure.links.length} workspace links\n`);
}
