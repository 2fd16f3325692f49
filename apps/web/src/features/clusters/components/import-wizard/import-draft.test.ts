import { describe, expect, it } from 'vitest';
import { checkDetails, checkKubeconfig, emptyDraft, toImportBody } from './import-draft';

describe('checkDetails', () => {
  it('asks for a DNS-label name', () => {
    expect(checkDetails({ ...emptyDraft, name: '' }).name).toBe('required');
    expect(checkDetails({ ...emptyDraft, name: 'Prod_EU' }).name).toBe('pattern');
    expect(checkDetails({ ...emptyDraft, name: 'a'.repeat(64) }).name).toBe('tooLong');
    expect(checkDetails({ ...emptyDraft, name: 'prod-eu-1' }).name).toBeUndefined();
  });

  it('checks label keys and ignores empty rows', () => {
    const problems = checkDetails({
      ...emptyDraft,
      name: 'dev',
      labels: [
        { id: 1, key: 'team', value: 'storage' },
        { id: 2, key: '', value: '' },
        { id: 3, key: 'team', value: 'other' },
        { id: 4, key: 'bad key', value: '' },
        { id: 5, key: '', value: 'orphan' },
      ],
    });
    expect(problems.labels).toEqual({ 3: 'duplicate', 4: 'keyPattern', 5: 'keyRequired' });
  });
});

describe('toImportBody', () => {
  it('sends only what was filled in', () => {
    expect(checkKubeconfig(emptyDraft)).toBe('required');
    expect(
      toImportBody({
        ...emptyDraft,
        name: 'dev',
        description: '  lab  ',
        labels: [
          { id: 1, key: 'env', value: 'lab' },
          { id: 2, key: '', value: '' },
        ],
        kubeconfig: 'apiVersion: v1',
      }),
    ).toEqual({
      name: 'dev',
      description: 'lab',
      labels: { env: 'lab' },
      kubeconfig: 'apiVersion: v1',
      insecureSkipTlsVerify: false,
      keepUploadedCredential: false,
    });
  });
});
