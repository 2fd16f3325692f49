// The first page (login, then the cluster list) must stay light: the entry chunk, every chunk it
// imports statically and the first page's translation catalogs (in the heavier language) are what the
// browser fetches before anything shows. Lazy routes and the other catalogs do not count.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** The subset of Vite's `.vite/manifest.json` this check reads. */
export type ViteManifest = Record<string, { file: string; isEntry?: boolean; imports?: string[] }>;

export const initialJavaScriptLimit = 250 * 1000;

/** Files of the entry chunks and everything they import statically, each once. */
export function initialChunkFiles(manifest: ViteManifest): string[] {
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const imported of manifest[key]?.imports ?? []) visit(imported);
  };
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);
  return [...seen].flatMap((key) => {
    const file = manifest[key]?.file;
    return file?.endsWith('.js') ? [file] : [];
  });
}

/** Per language, the catalog chunks the first page loads (`src/locales/<language>/<namespace>.json`). */
export function initialCatalogFiles(manifest: ViteManifest, initialNamespaces: string[]): string[][] {
  const byLanguage = new Map<string, string[]>();
  for (const [key, chunk] of Object.entries(manifest)) {
    const [, language, namespace] = /locales\/([^/]+)\/([^/]+)\.json$/.exec(key) ?? [];
    if (!language || !namespace || !initialNamespaces.includes(namespace)) continue;
    byLanguage.set(language, [...(byLanguage.get(language) ?? []), chunk.file]);
  }
  return [...byLanguage.values()];
}

function main() {
  const distDir = fileURLToPath(new URL('../apps/web/dist/', import.meta.url));
  const manifest = JSON.parse(readFileSync(join(distDir, '.vite/manifest.json'), 'utf8')) as ViteManifest;
  const gzipSize = (file: string) => gzipSync(readFileSync(join(distDir, file)), { level: 9 }).length;
  const initialNamespaces = JSON.parse(
    readFileSync(fileURLToPath(new URL('../apps/web/src/locales/initial-namespaces.json', import.meta.url)), 'utf8'),
  ) as string[];
  const catalogs = initialCatalogFiles(manifest, initialNamespaces).sort(
    (a, b) => b.reduce((sum, file) => sum + gzipSize(file), 0) - a.reduce((sum, file) => sum + gzipSize(file), 0),
  );
  const files = [...initialChunkFiles(manifest), ...(catalogs[0] ?? [])];
  if (files.length === 0) throw new Error('the manifest names no entry chunk: was the SPA built?');
  const sizes = files.map((file) => ({ file, gzip: gzipSize(file) }));
  const total = sizes.reduce((sum, { gzip }) => sum + gzip, 0);
  for (const { file, gzip } of sizes.sort((a, b) => b.gzip - a.gzip)) {
    process.stdout.write(`${(gzip / 1000).toFixed(1).padStart(8)} kB  ${file}\n`);
  }
  const verdict = total <= initialJavaScriptLimit ? 'within' : 'OVER';
  process.stdout.write(
    `initial JavaScript: ${(total / 1000).toFixed(1)} kB gzip in ${files.length} files, ${verdict} the ${initialJavaScriptLimit / 1000} kB limit\n`,
  );
  if (total > initialJavaScriptLimit) process.exit(1);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
