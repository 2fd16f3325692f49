import Type from 'typebox';
import { GlobalRoleSchema, NewPasswordSchema, UsernameSchema } from './auth.ts';

export const UserSchema = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  enabled: Type.Boolean(),
  globalRoles: Type.Array(GlobalRoleSchema),
  mustChangePassword: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
});
export type User = Type.Static<typeof UserSchema>;

export const DisplayNameSchema = Type.String({ minLength: 1, maxLength: 128 });

export const CreateUserBodySchema = Type.Object(
  {
    username: UsernameSchema,
    displayName: Type.Optional(DisplayNameSchema),
    password: NewPasswordSchema,
    globalRoles: Type.Array(GlobalRoleSchema, { minItems: 1, maxItems: 16, uniqueItems: true }),
    mustChangePassword: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type CreateUserBody = Type.Static<typeof CreateUserBodySchema>;

export const UpdateUserBodySchema = Type.Object(
  {
    displayName: Type.Optional(DisplayNameSchema),
    enabled: Type.Optional(Type.Boolean()),
    globalRoles: Type.Optional(Type.Array(GlobalRoleSchema, { minItems: 1, maxItems: 16, uniqueItems: true })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateUserBody = Type.Static<typeof UpdateUserBodySchema>;

export const ResetPasswordBodySchema = Type.Object(
  { newPassword: NewPasswordSchema, mustChangePassword: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
export type ResetPasswordBody = Type.Static<typeof ResetPasswordBodySchema>;

export const GlobalRoleInfoSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  builtIn: Type.Boolean(),
  permissions: Type.Array(Type.String()),
});
export type GlobalRoleInfo = Type.Static<typeof GlobalRoleInfoSchema>;

export const CreateGlobalRoleBodySchema = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z0-9]([a-z0-9-]*[a-z0-9])?$' }),
    name: Type.String({ minLength: 1, maxLength: 128 }),
    permissions: Type.Array(Type.String(), { maxItems: 32, uniqueItems: true }),
  },
  { additionalProperties: false },
);
export type CreateGlobalRoleBody = Type.Static<typeof CreateGlobalRoleBodySchema>;

const PolicyRuleSchema = Type.Object(
  {
    apiGroups: Type.Optional(Type.Array(Type.String({ maxLength: 253 }), { maxItems: 32 })),
    resources: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 253 }), { maxItems: 64 })),
    resourceNames: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 253 }), { maxItems: 64 })),
    nonResourceURLs: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 253 }), { maxItems: 32 })),
    verbs: Type.Array(Type.String({ minLength: 1, maxLength: 32 }), { minItems: 1, maxItems: 16 }),
  },
  { additionalProperties: false },
);

export const RoleTemplateSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  context: Type.Enum(['cluster', 'project']),
  builtIn: Type.Boolean(),
  rules: Type.Array(PolicyRuleSchema),
  aggregateFrom: Type.Optional(Type.Array(Type.String())),
  permissions: Type.Array(Type.String()),
});

export const CreateRoleTemplateBodySchema = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 48, pattern: '^[a-z0-9]([a-z0-9-]*[a-z0-9])?$' }),
    name: Type.String({ minLength: 1, maxLength: 128 }),
    context: Type.Enum(['cluster', 'project']),
    rules: Type.Array(PolicyRuleSchema, { minItems: 1, maxItems: 64 }),
    permissions: Type.Optional(Type.Array(Type.String(), { maxItems: 8, uniqueItems: true })),
  },
  { additionalProperties: false },
);
export type CreateRoleTemplateBody = Type.Static<typeof CreateRoleTemplateBodySchema>;

export const SubjectKindSchema = Type.Enum(['user', 'group']);

export const MemberSchema = Type.Object({
  id: Type.String(),
  subjectKind: SubjectKindSchema,
  /** A user id or a group name. */
  subject: Type.String(),
  /** The username or group name, for display. */
  subjectName: Type.String(),
  roleTemplateId: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
});
export type Member = Type.Static<typeof MemberSchema>;

export const AddMemberBodySchema = Type.Object(
  {
    subjectKind: SubjectKindSchema,
    /** A user id, a username, or a group name. */
    subject: Type.String({ minLength: 1, maxLength: 256 }),
    roleTemplateId: Type.String({ minLength: 1, maxLength: 64 }),
  },
  { additionalProperties: false },
);
export type AddMemberBody = Type.Static<typeof AddMemberBodySchema>;

export const ProjectNameSchema = Type.String({
  minLength: 1,
  maxLength: 63,
  pattern: '^[A-Za-z0-9]([A-Za-z0-9 _.-]*[A-Za-z0-9])?$',
});
const QuantitySchema = Type.String({
  minLength: 1,
  maxLength: 32,
  pattern: '^[0-9]+(\\.[0-9]+)?(m|k|Ki|M|Mi|G|Gi|T|Ti)?$',
  description: 'A Kubernetes quantity such as 500m, 2 or 8Gi',
});
const quotaResources = [
  'requests.cpu',
  'requests.memory',
  'limits.cpu',
  'limits.memory',
  'requests.storage',
  'persistentvolumeclaims',
  'pods',
] as const;
/** ResourceQuota `hard` limits Bokujo manages for projects; any subset of these resources. */
const QuotaSchema = Type.Object(
  Object.fromEntries(quotaResources.map((resource) => [resource, Type.Optional(QuantitySchema)])) as Record<
    (typeof quotaResources)[number],
    Type.TOptional<typeof QuantitySchema>
  >,
  { additionalProperties: false, minProperties: 1 },
);

export const ProjectSchema = Type.Object({
  id: Type.String(),
  clusterId: Type.String(),
  name: Type.String(),
  description: Type.String(),
  kind: Type.Enum(['default', 'system', 'user']),
  resourceQuota: Type.Union([QuotaSchema, Type.Null()]),
  namespaceDefaultQuota: Type.Union([QuotaSchema, Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
});
export type Project = Type.Static<typeof ProjectSchema>;

export const CreateProjectBodySchema = Type.Object(
  {
    name: ProjectNameSchema,
    description: Type.Optional(Type.String({ maxLength: 1024 })),
    resourceQuota: Type.Optional(QuotaSchema),
    namespaceDefaultQuota: Type.Optional(QuotaSchema),
  },
  { additionalProperties: false },
);
export type CreateProjectBody = Type.Static<typeof CreateProjectBodySchema>;

export const UpdateProjectBodySchema = Type.Object(
  {
    name: Type.Optional(ProjectNameSchema),
    description: Type.Optional(Type.String({ maxLength: 1024 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateProjectBody = Type.Static<typeof UpdateProjectBodySchema>;

export const NamespaceNameSchema = Type.String({
  minLength: 1,
  maxLength: 63,
  pattern: '^[a-z0-9]([a-z0-9-]*[a-z0-9])?$',
});

export const ProjectNamespaceSchema = Type.Object({
  name: Type.String(),
  projectId: Type.Union([Type.String(), Type.Null()]),
  phase: Type.String(),
  createdAt: Type.Union([Type.String(), Type.Null()]),
});
export type ProjectNamespace = Type.Static<typeof ProjectNamespaceSchema>;

export const CreateNamespaceBodySchema = Type.Object({ name: NamespaceNameSchema }, { additionalProperties: false });
export const MoveNamespaceBodySchema = Type.Object(
  { projectId: Type.Union([Type.String({ minLength: 1 }), Type.Null()]) },
  { additionalProperties: false },
);

export const AuditEntrySchema = Type.Object({
  id: Type.String(),
  time: Type.String({ format: 'date-time' }),
  actorId: Type.Union([Type.String(), Type.Null()]),
  actorName: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  targetKind: Type.Union([Type.String(), Type.Null()]),
  targetId: Type.Union([Type.String(), Type.Null()]),
  targetName: Type.Union([Type.String(), Type.Null()]),
  outcome: Type.Enum(['success', 'failure']),
  details: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
  sourceIp: Type.Union([Type.String(), Type.Null()]),
});
export type AuditEntry = Type.Static<typeof AuditEntrySchema>;

export const AuditQuerySchema = Type.Object(
  {
    action: Type.Optional(Type.String({ maxLength: 64 })),
    actor: Type.Optional(Type.String({ maxLength: 256 })),
    target: Type.Optional(Type.String({ maxLength: 256 })),
    outcome: Type.Optional(Type.Enum(['success', 'failure'])),
    since: Type.Optional(Type.String({ format: 'date-time' })),
    until: Type.Optional(Type.String({ format: 'date-time' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  },
  { additionalProperties: false },
);
export type AuditQuery = Type.Static<typeof AuditQuerySchema>;
