import { describe, expect, it } from 'vitest';
import {
  parseDocuments,
  parseSingleObject,
  toEditableYaml,
  withoutServerMetadata,
  YamlSyntaxError,
} from './object-yaml';

describe('object YAML', () => {
  const deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: 'web',
      namespace: 'shop',
      resourceVersion: '4711',
      uid: 'a1',
      managedFields: [{ manager: 'kubectl', operation: 'Apply' }],
    },
    spec: { replicas: 2 },
  };

  it('leaves managedFields out of the editable text but keeps the resourceVersion for conflict checks', () => {
    const text = toEditableYaml(deployment);
    expect(text).not.toContain('managedFields');
    expect(text).toContain('resourceVersion: "4711"');
    expect(parseSingleObject(text)).toEqual({
      ...deployment,
      metadata: { ...deployment.metadata, managedFields: undefined },
    });
  });

  it('drops what the server owns before an import', () => {
    expect(withoutServerMetadata(deployment).metadata).toEqual({ name: 'web', namespace: 'shop' });
  });

  it('splits several documents and skips empty ones', () => {
    const documents = parseDocuments('---\nkind: A\n---\n---\nkind: B\n');
    expect(documents.map((document) => document.object)).toEqual([{ kind: 'A' }, { kind: 'B' }]);
    expect(documents.map((document) => document.index)).toEqual([1, 2]);
  });

  it('reports a syntax error with its line, per document', () => {
    const [good, bad] = parseDocuments('kind: A\n---\nkind: [B\n');
    expect(good?.object).toEqual({ kind: 'A' });
    expect(bad?.error).toBeInstanceOf(YamlSyntaxError);
    expect(bad?.error?.problem).toBe('syntax');
  });

  it('wants exactly one mapping in the editor', () => {
    expect(() => parseSingleObject('')).toThrow(expect.objectContaining({ problem: 'empty' }) as Error);
    expect(() => parseSingleObject('a: 1\n---\nb: 2\n')).toThrow(
      expect.objectContaining({ problem: 'severalDocuments' }) as Error,
    );
    expect(() => parseSingleObject('- a\n- b\n')).toThrow(expect.objectContaining({ problem: 'notMapping' }) as Error);
  });
});
