import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { apiFetch, isApiError } from '@/lib/api-client';
import { kubeStatusOf } from '@/lib/k8s/status';
import { k8sPath } from '@/lib/k8s/types';
import { collectionPath, objectPath } from '../utils/api-path';
import { identify, type ImportOutcome, placeInProject, readRefusal } from '../utils/import-plan';
import { type KubeObject, parseDocuments, withoutServerMetadata } from '../utils/object-yaml';
import { findResource, getApiResourcesQueryOptions } from './get-api-resources';
import { fieldManager } from './update-object';

export interface ImportRequest {
  text: string;
  /** Where documents without a namespace go. */
  defaultNamespace: string;
  projectNamespaces: string[];
  /** On AlreadyExists, update the object with server-side apply instead of reporting it. */
  updateExisting: boolean;
}

const create = (clusterId: string, path: string, object: KubeObject) =>
  apiFetch<KubeObject>(k8sPath(clusterId, `${path}?${new URLSearchParams({ fieldManager })}`), {
    method: 'POST',
    json: object,
  });

/**
 * Server-side apply: JSON is YAML, so the object goes as JSON with the apply-patch media type.
 * Not forced, so a field another manager owns is a conflict the person sees rather than a takeover.
 * @see https://kubernetes.io/docs/reference/using-api/server-side-apply/
 */
const apply = (clusterId: string, path: string, object: KubeObject) =>
  apiFetch<KubeObject>(k8sPath(clusterId, `${path}?${new URLSearchParams({ fieldManager })}`), {
    method: 'PATCH',
    json: object,
    headers: { 'content-type': 'application/apply-patch+yaml' },
  });

const serverReason = (error: unknown) => {
  const status = kubeStatusOf(error);
  const causes = status?.details?.causes ?? [];
  const message = causes.length
    ? causes.map((cause) => (cause.field ? `${cause.field}: ${cause.message ?? ''}` : (cause.message ?? ''))).join('; ')
    : (status?.message ?? (error instanceof Error ? error.message : String(error)));
  return { code: 'server', message } as const;
};

/** Applies each document in order; one failing does not stop the others. */
export async function importDocuments(
  queryClient: QueryClient,
  clusterId: string,
  request: ImportRequest,
): Promise<ImportOutcome[]> {
  const outcomes: ImportOutcome[] = [];
  for (const document of parseDocuments(request.text)) {
    const identity = identify(document.object);
    const outcome = (
      result: ImportOutcome['result'],
      reason?: ImportOutcome['reason'],
      namespace = identity.namespace,
    ) => outcomes.push({ index: document.index, kind: identity.kind, name: identity.name, namespace, result, reason });

    const unreadable = readRefusal(document);
    if (unreadable || !document.object || !identity.apiVersion || !identity.kind || !identity.name) {
      outcome('failed', unreadable ?? { code: 'missingFields' });
      continue;
    }
    let resource;
    try {
      const list = await queryClient.fetchQuery(getApiResourcesQueryOptions(clusterId, identity.apiVersion));
      resource = findResource(list, identity.kind);
    } catch (error) {
      if (!isApiError(error, 404)) {
        outcome('failed', serverReason(error));
        continue;
      }
    }
    if (!resource) {
      outcome('failed', { code: 'unknownKind', apiVersion: identity.apiVersion, kind: identity.kind });
      continue;
    }
    if (!resource.namespaced) {
      outcome('refused', { code: 'clusterScoped', kind: identity.kind });
      continue;
    }
    const placed = placeInProject(identity, request.defaultNamespace, request.projectNamespaces);
    if ('refusal' in placed) {
      outcome('refused', placed.refusal);
      continue;
    }
    const { namespace } = placed;
    const object = withoutServerMetadata({
      ...document.object,
      metadata: { ...document.object.metadata, namespace },
    });
    try {
      await create(clusterId, collectionPath(identity.apiVersion, resource.name, namespace), object);
      outcome('created', undefined, namespace);
    } catch (error) {
      if (kubeStatusOf(error)?.reason !== 'AlreadyExists') {
        outcome('failed', serverReason(error), namespace);
        continue;
      }
      if (!request.updateExisting) {
        outcome('failed', { code: 'exists' }, namespace);
        continue;
      }
      try {
        await apply(clusterId, objectPath(identity.apiVersion, resource.name, namespace, identity.name), object);
        outcome('configured', undefined, namespace);
      } catch (applyError) {
        outcome('failed', serverReason(applyError), namespace);
      }
    }
  }
  return outcomes;
}

export function useImportDocuments(clusterId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: ImportRequest) => importDocuments(queryClient, clusterId, request),
    // Lists of whatever was created are now out of date.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['k8s', clusterId] }),
  });
}
