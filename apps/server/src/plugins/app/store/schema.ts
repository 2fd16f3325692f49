import type { ColumnType, Insertable, Selectable, Updateable } from 'kysely';

/**
 * Tables of Bokujo's store. Times are ISO-8601 strings (portable between SQLite and PostgreSQL);
 * booleans are 0/1 integers; secrets are secret-box envelopes, tokens and passwords only hashes.
 */
export interface Database {
  settings: SettingsTable;
  users: UsersTable;
  user_global_roles: UserGlobalRolesTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  clusters: ClustersTable;
  global_roles: GlobalRolesTable;
  role_templates: RoleTemplatesTable;
  projects: ProjectsTable;
  cluster_members: ClusterMembersTable;
  project_members: ProjectMembersTable;
  audit_log: AuditLogTable;
  auth_providers: AuthProvidersTable;
  external_identities: ExternalIdentitiesTable;
  login_flows: LoginFlowsTable;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string | null;
  must_change_password: number;
  enabled: number;
  /** 'en' | 'ja'; null until the person picks one. */
  language: string | null;
  created_at: string;
  updated_at: string;
}

export interface UserGlobalRolesTable {
  user_id: string;
  role: string;
}

export interface SessionsTable {
  /** SHA-256 of the cookie value: a stolen database does not yield live sessions. */
  id_hash: string;
  user_id: string;
  csrf_token_hash: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  /** The external provider the session was opened through; null for a local login. */
  provider_id: string | null;
  /** Secret-box envelope of the provider's tokens (OIDC refresh and ID token). */
  upstream_tokens: string | null;
  /** When the provider's access token expires; the session is refreshed (or ended) then. */
  upstream_expires_at: string | null;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  /** Tokens made for a kubeconfig download are listed with the cluster they were made for. */
  cluster_id: string | null;
  /** The provider of the session the token was made in; disabling the provider revokes it. */
  provider_id: string | null;
}

export interface ClustersTable {
  id: string;
  name: string;
  description: string;
  labels: string;
  server: string;
  ca_data: string | null;
  tls_server_name: string | null;
  insecure_skip_tls_verify: number;
  /** Secret-box envelope of the credential Bokujo uses (its ServiceAccount token, or the upload). */
  credential: string;
  credential_kind: string;
  kube_system_uid: string;
  owner_user_id: string | null;
  state: string;
  state_reason: string | null;
  version: string | null;
  provider: string | null;
  /** JSON of the last capacity summary, so the list answers at once without calling clusters. */
  summary: string | null;
  last_checked_at: string | null;
  created_at: ColumnType<string, string, never>;
  updated_at: string;
}

export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type ClusterRow = Selectable<ClustersTable>;

/** Custom global roles; the built-in ones (admin, user, user-base) live in code. */
export interface GlobalRolesTable {
  id: string;
  name: string;
  /** JSON array of Bokujo permissions. */
  permissions: string;
  created_at: string;
}

/** Custom role templates; the built-in ones live in packages/shared. */
export interface RoleTemplatesTable {
  id: string;
  name: string;
  context: string;
  /** JSON array of Kubernetes policy rules. */
  rules: string;
  /** JSON array of scoped Bokujo permissions. */
  permissions: string;
  created_at: string;
}

export interface ProjectsTable {
  id: string;
  cluster_id: string;
  name: string;
  description: string;
  /** `default`, `system` or `user`. */
  kind: string;
  resource_quota: string | null;
  namespace_default_quota: string | null;
  created_at: string;
  updated_at: string;
}

interface MemberColumns {
  id: string;
  /** `user` (subject = user id) or `group` (subject = group name). */
  subject_kind: string;
  subject: string;
  role_template_id: string;
  created_at: string;
}

export interface ClusterMembersTable extends MemberColumns {
  cluster_id: string;
}

export interface ProjectMembersTable extends MemberColumns {
  project_id: string;
}

export interface AuditLogTable {
  id: string;
  time: string;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  target_kind: string | null;
  target_id: string | null;
  target_name: string | null;
  /** `success` or `failure`. */
  outcome: string;
  /** JSON of non-secret facts about the action. */
  details: string | null;
  source_ip: string | null;
}

export interface AuthProvidersTable {
  id: string;
  /** `oidc` or `ldap`. */
  kind: string;
  name: string;
  enabled: number;
  /** `any` or `restricted`. */
  access_mode: string;
  /** JSON array of `user:<name>` / `group:<name>`. */
  allowed_principals: string;
  /** JSON of the non-secret settings. */
  settings: string;
  /** Secret-box envelope of the client secret or bind password. */
  secret: string | null;
  /** The last successful test login since the settings last changed. */
  tested_at: string | null;
  created_at: string;
  updated_at: string;
}

/** An external person as one provider knows them, linked to their Bokujo user. */
export interface ExternalIdentitiesTable {
  provider_id: string;
  /** The provider's stable id: OIDC `sub`, LDAP entryUUID / objectGUID. */
  external_id: string;
  user_id: string;
  login_name: string;
  /** JSON array of group names as the provider gave them at the last login or refresh. */
  groups: string;
  last_login_at: string;
}

/** An OIDC login under way: state, nonce and PKCE verifier, bound to the browser by a cookie. */
export interface LoginFlowsTable {
  id_hash: string;
  provider_id: string;
  /** `login` or `test`. */
  purpose: string;
  tester_user_id: string | null;
  /** Secret-box envelope of `{ state, nonce, codeVerifier }`. */
  secrets: string;
  return_to: string | null;
  expires_at: string;
}
