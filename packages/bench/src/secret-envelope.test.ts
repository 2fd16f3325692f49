import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openSecret, sealSecret } from './secret-envelope.ts';

describe('secret envelope', () => {
  it('opens what it sealed under the same context, and nothing under another (the id is bound)', () => {
    const key = randomBytes(32);
    const envelope = sealSecret(key, '{"kind":"token","token":"t"}', 'cluster:c-1:credential');
    expect(envelope).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(openSecret(key, envelope, 'cluster:c-1:credential')).toBe('{"kind":"token","token":"t"}');
    expect(() => openSecret(key, envelope, 'cluster:c-2:credential')).toThrow();
  });

  it("opens an envelope the server's SecretBox sealed (key of 32 bytes of 7)", () => {
    const sealedByServer = 'v1.V19UixY5TZzQ9mJT.gdDTc-YvHfLwvVriqBR79w.2x30HVsM8iMtKBXNLW32aVbGzwoisY80eWpfa-iTOxo';
    expect(openSecret(Buffer.alloc(32, 7), sealedByServer, 'cluster:c-0123456789ab:credential')).toBe(
      '{"kind":"token","token":"bench"}',
    );
  });
});
