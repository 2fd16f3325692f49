import { X509Certificate, createPrivateKey, createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generatePki, tokenFile } from './pki.ts';

describe('generatePki', () => {
  it('issues CA-signed serving and client certificates with the right names', async () => {
    const pki = await generatePki('unit', [{ name: 'dana', groups: ['team-a', 'team-b'] }]);
    const ca = new X509Certificate(pki.ca.cert);
    expect(ca.ca).toBe(true);

    const apiServer = new X509Certificate(pki.apiServer.cert);
    expect(apiServer.verify(ca.publicKey)).toBe(true);
    expect(apiServer.subjectAltName).toContain('IP Address:127.0.0.1');
    expect(apiServer.subjectAltName).toContain('DNS:kubernetes.default.svc.cluster.local');
    expect(apiServer.subjectAltName).toContain('IP Address:10.96.0.1');

    const admin = new X509Certificate(pki.admin.cert);
    expect(admin.verify(ca.publicKey)).toBe(true);
    expect(admin.subject).toContain('O=system:masters');

    const [dana] = pki.identities;
    expect(dana?.name).toBe('dana');
    const danaCert = new X509Certificate(dana?.cert ?? '');
    expect(danaCert.subject.split('\n')).toEqual(['CN=dana', 'O=team-a', 'O=team-b']);
    expect(danaCert.checkPrivateKey(createPrivateKey(dana?.key ?? ''))).toBe(true);
    expect(dana?.token).toMatch(/^[0-9a-f]{48}$/);
  });

  it('creates a distinct CA per cluster and a usable service-account key pair', async () => {
    const [one, two] = await Promise.all([generatePki('one', []), generatePki('two', [])]);
    expect(one.ca.cert).not.toBe(two.ca.cert);
    const publicKey = createPublicKey(one.serviceAccount.publicKey);
    expect(publicKey.asymmetricKeyType).toBe('ec');
    expect(
      createPublicKey(createPrivateKey(one.serviceAccount.privateKey)).export({ format: 'pem', type: 'spki' }),
    ).toBe(publicKey.export({ format: 'pem', type: 'spki' }));
  });

  it('writes the token file in the format --token-auth-file reads', () => {
    const csv = tokenFile([
      { name: 'erin', groups: ['a', 'b'], token: 't1', cert: '', key: '' },
      { name: 'finn', groups: [], token: 't2', cert: '', key: '' },
    ]);
    expect(csv).toBe('t1,erin,erin,"a,b"\nt2,finn,finn,""\n');
  });
});
