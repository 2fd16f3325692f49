import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultNamespace, languages, loadAllCatalogs } from './i18n';

const sourceDir = join(import.meta.dirname, '..');

function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keysOf(child, prefix ? `${prefix}.${key}` : key));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

interface UsedKey {
  namespace: string;
  key: string;
  /** `t(`status.${state}`)` is known only by its static start. */
  prefixOnly: boolean;
}

/**
 * The `t()` keys a file uses, each in the namespace of the nearest `useTranslation()` above it, so a
 * file with several small components in different namespaces is read correctly.
 */
function usedKeys(file: string): UsedKey[] {
  const text = readFileSync(file, 'utf8');
  const scopes = [...text.matchAll(/useTranslation\(\s*(?:'([\w-]+)')?/g)].map((match) => ({
    at: match.index,
    namespace: match[1] ?? defaultNamespace,
  }));
  const namespaceAt = (index: number) =>
    scopes.filter((scope) => scope.at < index).at(-1)?.namespace ?? scopes[0]?.namespace ?? defaultNamespace;
  return [...text.matchAll(/\bt\(\s*(?:'([^']+)'|`([^`$]+)(\$\{)?)/g)].map((match) => {
    const namespace = namespaceAt(match.index);
    const written = match[1] ?? match[2] ?? '';
    const [explicitNamespace, key] = written.includes(':') ? written.split(':', 2) : [namespace, written];
    return { namespace: explicitNamespace ?? namespace, key: key ?? '', prefixOnly: match[3] !== undefined };
  });
}

describe('translation catalogs', () => {
  let resources: Awaited<ReturnType<typeof loadAllCatalogs>>;
  beforeAll(async () => {
    resources = await loadAllCatalogs();
  });

  it('loads first only namespaces that exist', async () => {
    const { default: initial } = await import('../locales/initial-namespaces.json');
    expect(initial.filter((namespace) => !(namespace in (resources['en'] ?? {})))).toEqual([]);
  });

  it('has a catalog for every language', () => {
    expect(Object.keys(resources).sort()).toEqual([...languages].sort());
  });

  it.each(languages.filter((language) => language !== 'en'))('has exactly the English keys in %s', (language) => {
    const english = resources['en'] ?? {};
    const other = resources[language] ?? {};
    expect(Object.keys(other).sort()).toEqual(Object.keys(english).sort());
    for (const namespace of Object.keys(english)) {
      expect({ namespace, keys: keysOf(other[namespace]).sort() }).toEqual({
        namespace,
        keys: keysOf(english[namespace]).sort(),
      });
    }
  });

  it('has no empty translations', () => {
    for (const [language, namespaces] of Object.entries(resources)) {
      for (const [namespace, catalog] of Object.entries(namespaces)) {
        const flat = JSON.stringify(catalog);
        expect({ language, namespace, empty: flat.includes('""') }).toEqual({ language, namespace, empty: false });
      }
    }
  });

  it('has every key the code uses', () => {
    const english = resources['en'] ?? {};
    const missing: string[] = [];
    for (const file of sourceFiles(sourceDir)) {
      for (const { namespace, key, prefixOnly } of usedKeys(file)) {
        const known = keysOf(english[namespace]).some((candidate) =>
          prefixOnly ? candidate.startsWith(key) : candidate === key,
        );
        if (!known) missing.push(`${relative(sourceDir, file)}: ${namespace}:${key}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
