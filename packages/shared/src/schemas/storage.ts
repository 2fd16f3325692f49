import Type from 'typebox';

/** Both annotations count: the beta one is still honoured by Kubernetes and set by older tools. */
export const defaultStorageClassAnnotations = [
  'storageclass.kubernetes.io/is-default-class',
  'storageclass.beta.kubernetes.io/is-default-class',
] as const;

export const SetDefaultStorageClassBodySchema = Type.Object(
  { default: Type.Boolean({ description: 'true: make this the one default class; false: unset it' }) },
  { additionalProperties: false },
);
export type SetDefaultStorageClassBody = Type.Static<typeof SetDefaultStorageClassBodySchema>;

export const DefaultStorageClassResultSchema = Type.Object({
  /** The classes marked default afterwards: one, or none after an unset. */
  defaultClasses: Type.Array(Type.String()),
  /** Classes whose annotations this call changed. */
  changed: Type.Array(Type.String()),
});
export type DefaultStorageClassResult = Type.Static<typeof DefaultStorageClassResultSchema>;
