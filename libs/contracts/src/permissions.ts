/**
 * The permission vocabulary of the API and the console, `<resource>:<verb>`. Roles grant
 * permissions; a role binding gives a user a role on one cluster or on every cluster (`*`).
 * Nothing enforces these yet: the auth module builds its guards on this file, and the console's
 * PermissionService may ask with the same names.
 */
export const PERMISSIONS = [
  /** List and read registered clusters. */
  'clusters:read',
  /** Register a cluster, test a connection, remove a cluster. */
  'clusters:write',
  /** Node lists and node detail; `cluster:subscribe` on the socket. */
  'nodes:read',
  'nodes:label',
  'nodes:taint',
  /** Cordon and uncordon. */
  'nodes:cordon',
  'nodes:drain',
  /** Drain with `disableEviction`: DELETE bypasses PodDisruptionBudgets, so it is a permission of its own. */
  'pods:delete',
  /** Override the drain safety limit (how many nodes of a cluster may be drained at once). */
  'nodes:drain-below-limit',
  /** Task list, detail and events; `task:subscribe` on the socket. */
  'tasks:read',
  'tasks:cancel',
  'tasks:retry',
  'tasks:export',
  'templates:read',
  'templates:write',
  /** Query the audit log and verify its hash chain. */
  'audit:read',
  'audit:export',
  'users:read',
  /** Users and their role bindings. */
  'users:write',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * Where a permission applies: `cluster` = granted per cluster by a role binding on that cluster
 * (or `*`); `global` = only a binding on `*` grants it.
 */
export type PermissionScope = 'cluster' | 'global';

/** Scope of each permission: cluster-scoped = clusters:read, nodes:*, pods:delete, tasks:*; the rest global. */
export const PERMISSION_SCOPE: Readonly<Record<Permission, PermissionScope>> = {
  'clusters:read': 'cluster',
  'clusters:write': 'global',
  'nodes:read': 'cluster',
  'nodes:label': 'cluster',
  'nodes:taint': 'cluster',
  'nodes:cordon': 'cluster',
  'nodes:drain': 'cluster',
  'pods:delete': 'cluster',
  'nodes:drain-below-limit': 'cluster',
  'tasks:read': 'cluster',
  'tasks:cancel': 'cluster',
  'tasks:retry': 'cluster',
  'tasks:export': 'cluster',
  'templates:read': 'global',
  'templates:write': 'global',
  'audit:read': 'global',
  'audit:export': 'global',
  'users:read': 'global',
  'users:write': 'global',
};

export const ROLES = ['admin', 'operator', 'viewer', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** Permissions each role grants. admin: all; operator: day-to-day node work; viewer: read; auditor: read, export, audit. */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  admin: PERMISSIONS,
  operator: [
    'clusters:read', 'nodes:read', 'nodes:label', 'nodes:taint', 'nodes:cordon', 'nodes:drain',
    'tasks:read', 'tasks:cancel', 'tasks:retry', 'templates:read', 'templates:write',
  ],
  viewer: ['clusters:read', 'nodes:read', 'tasks:read', 'templates:read'],
  auditor: ['clusters:read', 'nodes:read', 'tasks:read', 'tasks:export', 'audit:read', 'audit:export'],
};

/** Whether `role` grants `permission` (scope is the caller's business: see {@link PERMISSION_SCOPE}). */
export function roleGrants(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
