import type { Permission, Role } from './permissions';

/**
 * Authentication and access-control shapes shared by the API, the console and the CLI.
 * Timestamps are RFC 3339 UTC strings. The rules behind them: docs/auth.md.
 */

/** Where a user's identity comes from. */
export type UserSource = 'local' | 'oidc';

/** A signed-in user as the API returns it. Never carries a password hash or a token. */
export interface AuthenticatedUser {
  /** Stable id (UUID). */
  id: string;
  /** Unique login name: 1..64 characters of `[A-Za-z0-9._@-]`. */
  username: string;
  displayName: string | null;
  source: UserSource;
  /** SSO groups from the identity provider's groups claim (empty for local users). */
  groups: string[];
  /** True until the user changes the initial or admin-set password; until then only the password route answers. */
  mustChangePassword: boolean;
}

/** Who is calling: the user plus how they authenticated. Put on the request by the global guard. */
export interface Principal extends AuthenticatedUser {
  via: 'session' | 'api-token';
  /** Refresh-token family id of the session (via = session). */
  sessionId?: string;
  /** API token id (via = api-token). */
  tokenId?: string;
}

/** Subject of a role binding: a user (by username) or an SSO group (by name). */
export type RoleBindingSubject = { kind: 'user'; name: string } | { kind: 'group'; name: string };

/** Cluster a binding applies to: a registered cluster's name, or `*` for every cluster and the global permissions. */
export type BindingScope = string;
export const ALL_CLUSTERS = '*';

export interface RoleBinding {
  id: string;
  subject: RoleBindingSubject;
  role: Role;
  cluster: BindingScope;
  createdBy: string;
  createdAt: string;
}

export interface CreateRoleBindingRequest {
  subject: RoleBindingSubject;
  role: Role;
  cluster: BindingScope;
}

/** `POST /auth/login`. */
export interface LoginRequest {
  username: string;
  password: string;
}

/** Answer of `POST /auth/login` and `POST /auth/refresh`; the refresh token travels only in its HttpOnly cookie. */
export interface LoginResponse {
  /** JWT access token, sent as `Authorization: Bearer <token>` and in the socket's `auth.token`. */
  accessToken: string;
  /** Access token lifetime, seconds. */
  expiresIn: number;
  user: AuthenticatedUser;
  mustChangePassword: boolean;
}

/** `POST /auth/password`. */
export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

/** Permissions of the caller: global ones, and per cluster (`*` = every cluster). */
export interface PermissionSet {
  global: Permission[];
  clusters: Record<BindingScope, Permission[]>;
}

/** `GET /auth/me`. */
export interface MeResponse {
  user: AuthenticatedUser;
  via: Principal['via'];
  bindings: RoleBinding[];
  permissions: PermissionSet;
}

/** `GET /auth/config` (public): what the sign-in page offers. */
export interface AuthConfigResponse {
  local: boolean;
  sso: { enabled: boolean; label: string | null };
}

/** Prefix of every API token (`Authorization: Bearer knm_...`). */
export const API_TOKEN_PREFIX = 'knm_';

/** An API token as listed (the secret is shown only once, at creation). */
export interface ApiTokenResponse {
  id: string;
  name: string;
  /** First characters of the token, to recognise it (`knm_ab12...`). */
  prefix: string;
  /** Optional narrowing of the owner's rights: a role on a cluster (or `*`), within the owner's rights. */
  role: Role | null;
  cluster: BindingScope | null;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface CreateApiTokenRequest {
  name: string;
  /** Days until expiry (1..366); absent = the configured maximum. */
  expiresInDays?: number;
  role?: Role;
  cluster?: BindingScope;
}

export interface CreateApiTokenResponse extends ApiTokenResponse {
  /** The token itself, shown once. */
  token: string;
}

/** A user as `GET /users` lists it. */
export interface UserResponse extends AuthenticatedUser {
  disabled: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}

export interface CreateUserRequest {
  username: string;
  displayName?: string;
  /** Initial password; the user must change it at first sign-in. */
  password: string;
}

export interface UpdateUserRequest {
  displayName?: string | null;
  disabled?: boolean;
  /** Admin reset: sets mustChangePassword and revokes the user's sessions. */
  password?: string;
}

/** Name of the refresh-token cookie (HttpOnly, SameSite=Strict, Path=/api/v1/auth). */
export const REFRESH_COOKIE = 'knm_refresh';
/** Name of the CSRF cookie (readable by the console) whose value goes in {@link CSRF_HEADER} on cookie-carrying auth routes. */
export const CSRF_COOKIE = 'knm_csrf';
export const CSRF_HEADER = 'x-knm-csrf';
