import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: import.meta.dirname });

/** Lints `code` as if it were the content of an existing file, so type-aware rules can run. */
async function ruleIdsFor(filePath: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((message) => `${message.ruleId ?? 'fatal'}: ${message.message}`);
}

describe('architecture lint rules', () => {
  it('refuses an import from one SPA feature into another', async () => {
    const messages = await ruleIdsFor(
      'apps/web/src/features/settings/components/theme-toggle.tsx',
      "import { ServerStatusBadge } from '../../server-status/components/server-status-badge';\nexport const x = ServerStatusBadge;\n",
    );
    expect(messages).toEqual([
      expect.stringMatching(/^import-x\/no-restricted-paths: .*Features never import each other/),
    ]);
  });

  it('refuses an import of the server from the SPA', async () => {
    const messages = await ruleIdsFor(
      'apps/web/src/lib/api-client.ts',
      "import { buildApp } from '../../../server/src/app.ts';\nexport const x = buildApp;\n",
    );
    expect(messages).toContainEqual(
      expect.stringMatching(/^import-x\/no-restricted-paths: .*The SPA talks to the server/),
    );
  });

  it('refuses an import of the SPA from the server', async () => {
    const messages = await ruleIdsFor(
      'apps/server/src/errors.ts',
      "import { paths } from '../../web/src/config/paths.ts';\nexport const x = paths;\n",
    );
    expect(messages).toContainEqual(
      expect.stringMatching(/^import-x\/no-restricted-paths: .*The server never imports/),
    );
  });

  it('keeps packages/shared free of Node, server and UI imports', async () => {
    const messages = await ruleIdsFor(
      'packages/shared/src/schemas/permissions.ts',
      "import { readFileSync } from 'node:fs';\nimport React from 'react';\nexport const x = [readFileSync, React];\n",
    );
    expect(messages).toEqual([
      expect.stringMatching(/^no-restricted-imports: .*no Node built-ins/),
      expect.stringMatching(/^no-restricted-imports: .*no UI framework/),
    ]);
  });

  it('accepts an import inside one feature', async () => {
    const messages = await ruleIdsFor(
      'apps/web/src/features/server-status/components/server-status-badge.tsx',
      "import { useReadiness } from '../api/get-readiness';\nexport const x = useReadiness;\n",
    );
    expect(messages).toEqual([]);
  });
});
