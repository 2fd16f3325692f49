import {
  ClusterDescriptionSchema,
  ClusterLabelsSchema,
  ClusterNameSchema,
  ImportClusterBodySchema,
  type ImportClusterBody,
} from '@bokujo/shared';
import { schemaKeywords } from '@/lib/schema-keywords';

/** The wizard's answers so far; sent as one import request at the end. */
export interface ImportDraft {
  name: string;
  description: string;
  labels: LabelDraft[];
  kubeconfig: string;
  /** The uploaded file's name, to show where the text came from. */
  fileName: string | undefined;
  /** Empty: let the server use current-context (or the only context). */
  context: string;
  insecureSkipTlsVerify: boolean;
  keepUploadedCredential: boolean;
}

export interface LabelDraft {
  /** Stable React key while rows are added and removed. */
  id: number;
  key: string;
  value: string;
}

export const emptyDraft: ImportDraft = {
  name: '',
  description: '',
  labels: [],
  kubeconfig: '',
  fileName: undefined,
  context: '',
  insecureSkipTlsVerify: false,
  keepUploadedCredential: false,
};

// The shared schemas are the rules; the form checks them early to point at the field at once.
const nameRules = schemaKeywords(ClusterNameSchema);
const namePattern = new RegExp(nameRules.pattern ?? '^.+$');
const nameMaxLength = nameRules.maxLength ?? 63;
const descriptionMaxLength = schemaKeywords(ClusterDescriptionSchema).maxLength ?? 1024;
const labelKeyPattern = new RegExp(Object.keys(ClusterLabelsSchema.patternProperties ?? {})[0] ?? '^.+$');
/** Label keys and values are both limited like Kubernetes label names and values. */
const labelTextMaxLength = 63;
const kubeconfigMaxLength = schemaKeywords(ImportClusterBodySchema.properties.kubeconfig).maxLength ?? 1_048_576;

export type NameProblem = 'required' | 'pattern' | 'tooLong';
export type LabelProblem = 'keyRequired' | 'keyPattern' | 'duplicate' | 'tooLong';

export interface DetailsProblems {
  name?: NameProblem;
  description?: 'tooLong';
  labels: Record<number, LabelProblem>;
}

export function checkDetails(draft: ImportDraft): DetailsProblems {
  const problems: DetailsProblems = { labels: {} };
  if (!draft.name) problems.name = 'required';
  else if (draft.name.length > nameMaxLength) problems.name = 'tooLong';
  else if (!namePattern.test(draft.name)) problems.name = 'pattern';
  if (draft.description.length > descriptionMaxLength) problems.description = 'tooLong';
  const seen = new Set<string>();
  for (const label of draft.labels) {
    const key = label.key.trim();
    if (!key) {
      if (label.value) problems.labels[label.id] = 'keyRequired';
      continue;
    }
    if (key.length > labelTextMaxLength || label.value.length > labelTextMaxLength)
      problems.labels[label.id] = 'tooLong';
    else if (!labelKeyPattern.test(key)) problems.labels[label.id] = 'keyPattern';
    else if (seen.has(key)) problems.labels[label.id] = 'duplicate';
    seen.add(key);
  }
  return problems;
}

export const hasDetailsProblems = (problems: DetailsProblems) =>
  problems.name !== undefined || problems.description !== undefined || Object.keys(problems.labels).length > 0;

export function checkKubeconfig(draft: ImportDraft): 'required' | 'tooLarge' | undefined {
  if (!draft.kubeconfig.trim()) return 'required';
  if (draft.kubeconfig.length > kubeconfigMaxLength) return 'tooLarge';
  return undefined;
}

export function toImportBody(draft: ImportDraft): ImportClusterBody {
  const labels = Object.fromEntries(
    draft.labels.filter((label) => label.key.trim()).map((label) => [label.key.trim(), label.value]),
  );
  return {
    name: draft.name,
    ...(draft.description.trim() ? { description: draft.description.trim() } : {}),
    ...(Object.keys(labels).length > 0 ? { labels } : {}),
    kubeconfig: draft.kubeconfig,
    ...(draft.context ? { context: draft.context } : {}),
    insecureSkipTlsVerify: draft.insecureSkipTlsVerify,
    keepUploadedCredential: draft.keepUploadedCredential,
  };
}
