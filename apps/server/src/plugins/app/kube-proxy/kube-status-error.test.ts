import { describe, expect, it } from 'vitest';
import { kubeFieldToPointer, kubeStatusError } from './kube-status-error.ts';

const context = { action: 'create Deployment web in shop', username: 'hanako', pointer: '/body/workload' };

describe('Kubernetes refusals as Bokujo errors', () => {
  it('turns field paths into JSON pointers, escaping keys that hold a slash', () => {
    expect(kubeFieldToPointer('spec.template.spec.containers[0].name')).toBe('/spec/template/spec/containers/0/name');
    expect(kubeFieldToPointer('metadata.labels[app.kubernetes.io/name]')).toBe(
      '/metadata/labels/app.kubernetes.io~1name',
    );
  });

  it('points each cause of an invalid object into the request', () => {
    const error = kubeStatusError(
      {
        status: 422,
        body: {
          reason: 'Invalid',
          message: 'Deployment.apps "web" is invalid',
          details: { causes: [{ field: 'spec.replicas', message: 'Invalid value: -1: must be >= 0' }] },
        },
      },
      context,
    );
    expect(error).toMatchObject({
      statusCode: 400,
      details: [{ field: '/body/workload/spec/replicas', reason: 'Invalid value: -1: must be >= 0' }],
    });
  });

  it('says who was refused what, and keeps the cluster’s words', () => {
    const error = kubeStatusError({ status: 403, body: { message: 'exceeded quota: one-claim' } }, context);
    expect(error.statusCode).toBe(403);
    expect(error.message).toBe('hanako may not create Deployment web in shop: exceeded quota: one-claim');
  });

  it('treats an answer that is not a Status (a proxy’s HTML page) as the cluster failing', () => {
    const error = kubeStatusError({ status: 503, body: '<html>bad gateway</html>' }, context);
    expect(error).toMatchObject({
      statusCode: 502,
      message: 'Could not create Deployment web in shop: Kubernetes answered 503',
    });
  });
});
