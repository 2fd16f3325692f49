import Type from 'typebox';
import { passwordLength } from '../auth/password-policy.ts';

export const UsernameSchema = Type.String({
  minLength: 1,
  maxLength: 64,
  pattern: '^[a-z0-9]([a-z0-9._-]*[a-z0-9])?$',
  description: 'Lower-case letters, digits, dot, dash and underscore',
});

/** Length over composition rules: long passphrases are both stronger and easier to remember. */
export const NewPasswordSchema = Type.String({ minLength: passwordLength.min, maxLength: passwordLength.max });

export const LoginBodySchema = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 256 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
  },
  { additionalProperties: false },
);
export type LoginBody = Type.Static<typeof LoginBodySchema>;

/** A built-in global role (admin, user, user-base) or the id of a custom one. */
export const GlobalRoleSchema = Type.String({
  minLength: 1,
  maxLength: 64,
  pattern: '^[a-z0-9]([a-z0-9-]*[a-z0-9])?$',
});
export type GlobalRole = Type.Static<typeof GlobalRoleSchema>;

/** The console's languages; the SPA's catalogs must cover exactly these. */
export const LanguageSchema = Type.Enum(['en', 'ja']);
export type Language = Type.Static<typeof LanguageSchema>;

export const MeSchema = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  globalRoles: Type.Array(GlobalRoleSchema),
  /** What the global roles add up to; the SPA hides what the person cannot do. */
  permissions: Type.Array(Type.String()),
  mustChangePassword: Type.Boolean(),
  authenticatedBy: Type.Enum(['session', 'token']),
  /** Chosen in the console and kept for the person across browsers; null until chosen. */
  language: Type.Union([LanguageSchema, Type.Null()]),
});
export type Me = Type.Static<typeof MeSchema>;

export const UpdatePreferencesBodySchema = Type.Object({ language: LanguageSchema }, { additionalProperties: false });
export type UpdatePreferencesBody = Type.Static<typeof UpdatePreferencesBodySchema>;

export const LoginResponseSchema = Type.Object({ user: MeSchema });
export type LoginResponse = Type.Static<typeof LoginResponseSchema>;

export const ChangePasswordBodySchema = Type.Object(
  { currentPassword: Type.String({ minLength: 1, maxLength: 1024 }), newPassword: NewPasswordSchema },
  { additionalProperties: false },
);
export type ChangePasswordBody = Type.Static<typeof ChangePasswordBodySchema>;

export const SetupStatusSchema = Type.Object({
  /** True until the first Administrator has replaced the bootstrap password. */
  setupRequired: Type.Boolean(),
  serverUrl: Type.Union([Type.String(), Type.Null()]),
});
export type SetupStatus = Type.Static<typeof SetupStatusSchema>;

export const CompleteSetupBodySchema = Type.Object(
  {
    newPassword: NewPasswordSchema,
    serverUrl: Type.String({
      minLength: 1,
      maxLength: 2048,
      description: 'https://… or http://… as people reach Bokujo',
    }),
  },
  { additionalProperties: false },
);
export type CompleteSetupBody = Type.Static<typeof CompleteSetupBodySchema>;

export const CompleteSetupResponseSchema = Type.Object({
  user: MeSchema,
  serverUrl: Type.String(),
  warnings: Type.Array(Type.String()),
});

export const ApiTokenSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  expiresAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  lastUsedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  clusterId: Type.Union([Type.String(), Type.Null()]),
});
export type ApiToken = Type.Static<typeof ApiTokenSchema>;

export const CreateApiTokenBodySchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    /** Days until the token stops working; absent means it never expires. */
    expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
  },
  { additionalProperties: false },
);
export type CreateApiTokenBody = Type.Static<typeof CreateApiTokenBodySchema>;

/** The only time the secret is shown; Bokujo keeps just its hash. */
export const CreatedApiTokenSchema = Type.Object({ token: ApiTokenSchema, secret: Type.String() });
export type CreatedApiToken = Type.Static<typeof CreatedApiTokenSchema>;
