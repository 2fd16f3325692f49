import { describe, expect, it } from 'vitest';
import { identify, placeInProject, readRefusal } from './import-plan';
import { parseDocuments } from './object-yaml';

describe('import plan', () => {
  it('names what a document is', () => {
    expect(
      identify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'shop' } }),
    ).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', name: 'settings', namespace: 'shop' });
  });

  it('refuses documents that cannot be read or name no object', () => {
    const [broken, list, nameless, good] = parseDocuments(
      'kind: [\n---\n- a\n---\napiVersion: v1\nkind: ConfigMap\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n',
    );
    expect(readRefusal(broken!)).toMatchObject({ code: 'syntax' });
    expect(readRefusal(list!)).toEqual({ code: 'notMapping' });
    expect(readRefusal(nameless!)).toEqual({ code: 'missingFields' });
    expect(readRefusal(good!)).toBeUndefined();
  });

  it('puts a document without a namespace into the chosen one and keeps one of the project', () => {
    const identity = { apiVersion: 'v1', kind: 'ConfigMap', name: 'a', namespace: undefined };
    expect(placeInProject(identity, 'shop', ['shop', 'shop-staging'])).toEqual({ namespace: 'shop' });
    expect(placeInProject({ ...identity, namespace: 'shop-staging' }, 'shop', ['shop', 'shop-staging'])).toEqual({
      namespace: 'shop-staging',
    });
  });

  it('refuses a document naming a namespace outside the project', () => {
    const identity = { apiVersion: 'v1', kind: 'ConfigMap', name: 'a', namespace: 'kube-system' };
    expect(placeInProject(identity, 'shop', ['shop'])).toEqual({
      refusal: { code: 'foreignNamespace', namespace: 'kube-system' },
    });
  });
});
