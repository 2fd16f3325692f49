import { describe, expect, it } from 'vitest';
import { initialCatalogFiles, initialChunkFiles, type ViteManifest } from './check-bundle-size.ts';

describe('initialChunkFiles', () => {
  const manifest: ViteManifest = {
    'index.html': { file: 'assets/index-a.js', isEntry: true, imports: ['_vendor.js', '_ui.js'] },
    '_vendor.js': { file: 'assets/vendor-b.js' },
    '_ui.js': { file: 'assets/ui-c.js', imports: ['_vendor.js'] },
    'src/app/routes/pods.tsx': { file: 'assets/pods-d.js', imports: ['_virtual.js', '_ui.js'] },
    '_virtual.js': { file: 'assets/virtual-e.js' },
    'style.css': { file: 'assets/style-f.css' },
  };

  it('weighs the entry and its static imports, each once, and never a lazy route', () => {
    expect(initialChunkFiles(manifest).sort()).toEqual(['assets/index-a.js', 'assets/ui-c.js', 'assets/vendor-b.js']);
  });

  it('finds nothing when no chunk is an entry, so the check cannot pass on an empty build', () => {
    expect(initialChunkFiles({ 'x.js': { file: 'assets/x.js' } })).toEqual([]);
  });
});

describe('initialCatalogFiles', () => {
  it("groups the first page's catalog chunks by language and leaves the other namespaces out", () => {
    const manifest: ViteManifest = {
      'src/locales/en/auth.json': { file: 'assets/auth-1.js' },
      'src/locales/ja/auth.json': { file: 'assets/auth-2.js' },
      'src/locales/ja/storage.json': { file: 'assets/storage-3.js' },
      'src/locales/initial-namespaces.json': { file: 'assets/initial-4.js' },
    };
    expect(initialCatalogFiles(manifest, ['auth'])).toEqual([['assets/auth-1.js'], ['assets/auth-2.js']]);
  });
});
