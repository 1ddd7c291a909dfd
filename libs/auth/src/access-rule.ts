import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Permission, Principal } from '@knm/contracts';

/** Metadata key of the access decision every route and socket handler carries. */
export const ACCESS_RULE = 'knm:access-rule';

/**
 * Which cluster a cluster-scoped permission is checked on:
 * - `clusterParam`: the cluster named by this path (or socket payload) parameter;
 * - `taskParam`: the cluster of the task whose id is this parameter (a task is authorised through its cluster);
 * - `anyCluster`: list routes: the permission held on at least one cluster; the handler then
 *   narrows what it returns with {@link AccessScope.clustersWith};
 * - `global`: a global permission (needs a `*` binding).
 */
export type PermissionTarget = { clusterParam: string } | { taskParam: string } | { anyCluster: true } | { global: true };

/** The explicit access decision of one route or socket event. A route without one is refused. */
export type AccessRule =
  | { kind: 'public' }
  | { kind: 'authenticated' }
  | { kind: 'permission'; permission: Permission; target: PermissionTarget };

/** Open to anyone, signed in or not (sign-in, refresh, SSO, health). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(ACCESS_RULE, { kind: 'public' } satisfies AccessRule);

/** Any signed-in caller, whatever their roles (their own profile, password, API tokens). */
export const Authenticated = (): MethodDecorator & ClassDecorator =>
  SetMetadata(ACCESS_RULE, { kind: 'authenticated' } satisfies AccessRule);

/** The caller must hold `permission` on `target` (see {@link PermissionTarget}). */
export const RequirePermission = (permission: Permission, target: PermissionTarget): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(ACCESS_RULE, { kind: 'permission', permission, target } satisfies AccessRule));

/** Which clusters a caller may act on with one permission. */
export type ClusterSelection = { all: true } | { all: false; names: ReadonlySet<string> };

/**
 * What the caller may do, resolved once per request by the global guard and put on the request.
 * Services filter lists with it; nothing else decides access.
 */
export interface AccessScope {
  /** Null for public routes called without credentials. */
  readonly principal: Principal | null;
  /** Whether the caller holds `permission` on `cluster` (a global permission when `cluster` is absent). */
  can(permission: Permission, cluster?: string): boolean;
  /** The clusters on which the caller holds `permission`. */
  clustersWith(permission: Permission): ClusterSelection;
}

/** Request property the guard sets. */
export const ACCESS_SCOPE_PROPERTY = 'access';

/** The request's {@link AccessScope} (set by the global guard). */
export const CurrentAccess = createParamDecorator((_data: unknown, ctx: ExecutionContext): AccessScope => {
  const req = ctx.switchToHttp().getRequest<Record<string, unknown>>();
  const scope = req[ACCESS_SCOPE_PROPERTY] as AccessScope | undefined;
  if (!scope) throw new Error('no access scope on the request: the global auth guard did not run');
  return scope;
});

/** The signed-in caller (throws on a public route called anonymously: use {@link CurrentAccess} there). */
export const CurrentUser = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  const req = ctx.switchToHttp().getRequest<Record<string, unknown>>();
  const principal = (req[ACCESS_SCOPE_PROPERTY] as AccessScope | undefined)?.principal;
  if (!principal) throw new Error('no principal on the request: the route is not behind authentication');
  return principal;
});
