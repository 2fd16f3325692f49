import { describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/api-client';
import { contextChoices, describeImportFailure } from './import-errors';

function refusal(statusCode: number, message: string, details: { field: string; reason: string }[]) {
  return new ApiError(statusCode, message, {
    statusCode,
    code: statusCode === 409 ? 'CONFLICT' : 'VALIDATION_FAILED',
    message,
    details,
  });
}

describe('describeImportFailure', () => {
  it('puts a credential plugin on the kubeconfig step with its place in the file', () => {
    const failure = describeImportFailure(
      refusal(400, 'The kubeconfig cannot be imported: user "dev" uses an exec credential plugin', [
        { field: '/body/kubeconfig/users/0/user/exec', reason: 'user "dev" uses an exec credential plugin' },
      ]),
    );
    expect(failure).toMatchObject({ step: 1, stage: 'check', hint: 'credentialPlugin' });
    expect(failure.kubeconfig).toEqual([
      { path: 'users/0/user/exec', reason: 'user "dev" uses an exec credential plugin' },
    ]);
  });

  it('puts a taken name on the first step, before kubeconfig problems', () => {
    const failure = describeImportFailure(
      refusal(409, 'A cluster named "prod" exists', [
        { field: '/body/kubeconfig/clusters/0/cluster/proxy-url', reason: 'proxy-url is not supported' },
        { field: '/body/name', reason: 'is taken' },
      ]),
    );
    expect(failure).toMatchObject({ step: 0, hint: 'nameTaken', name: 'is taken' });
  });

  it('recognises the stage the server names', () => {
    const contact = describeImportFailure(
      refusal(400, 'Import failed while contacting the cluster: connection refused', [
        { field: '/body/kubeconfig', reason: 'contacting the cluster failed: connection refused' },
      ]),
    );
    expect(contact).toMatchObject({ step: 1, stage: 'contact', hint: 'contact' });
    const rights = describeImportFailure(
      refusal(400, 'The credential lacks rights Bokujo needs', [
        { field: '/body/kubeconfig', reason: 'the credential may not impersonate users (to act as each person)' },
      ]),
    );
    expect(rights).toMatchObject({ stage: 'rights', hint: 'rights' });
    const duplicate = describeImportFailure(
      refusal(409, 'This cluster is already imported as "dev" (c-1)', [
        { field: '/body/kubeconfig', reason: 'names the cluster already imported as "dev"' },
      ]),
    );
    expect(duplicate).toMatchObject({ step: 1, stage: undefined, hint: 'alreadyImported' });
  });

  it('offers the contexts when the choice is ambiguous', () => {
    const failure = describeImportFailure(
      refusal(400, 'The kubeconfig cannot be imported', [
        {
          field: '/body/context',
          reason:
            'ambiguous: the kubeconfig has several contexts and no current-context; pick one of "admin@dev", "view\\"er"',
        },
      ]),
    );
    expect(failure).toMatchObject({ step: 1, hint: 'pickContext', contextChoices: ['admin@dev', 'view"er'] });
  });

  it('blames no field when the server gives none', () => {
    const failure = describeImportFailure(new ApiError(403, 'This needs the permission clusters:import'));
    expect(failure).toMatchObject({ step: undefined, stage: undefined, hint: 'forbidden' });
  });
});

describe('contextChoices', () => {
  it('leaves out shortened names and the "more" count', () => {
    expect(contextChoices('no context named "x"; pick one of "a", "bbbb…" and 2 more')).toEqual(['a']);
    expect(contextChoices('the kubeconfig has no context')).toEqual([]);
  });
});
