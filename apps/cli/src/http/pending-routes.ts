import { API_PREFIX, ApiRoutes } from '@knm/contracts';

/**
 * Routes the CLI calls that libs/contracts does not define yet: authentication (AUTH-SPEC.md,
 * built in the auth branch) and the task export (audit branch). Written once, here; each moves
 * to `ApiRoutes` when its branch lands, and this file goes.
 */
export const PendingRoutes = {
  login: () => `${API_PREFIX}/auth/login`,
  refresh: () => `${API_PREFIX}/auth/refresh`,
  logout: () => `${API_PREFIX}/auth/logout`,
  me: () => `${API_PREFIX}/auth/me`,
  tasksExport: () => `${ApiRoutes.tasks()}/export`,
} as const;

/** Cookie and header names of the refresh session (AUTH-SPEC.md "Cookies"). */
export const REFRESH_COOKIE = 'knm_refresh';
export const CSRF_COOKIE = 'knm_csrf';
export const CSRF_HEADER = 'x-knm-csrf';

/** The user part of `POST /auth/login` and `GET /auth/me` (AUTH-SPEC.md AuthenticatedUser). */
export interface AuthUser {
  id: string;
  username: string;
  displayName: string | null;
  mustChangePassword: boolean;
}

/** `POST /auth/login` and `POST /auth/refresh` answer (AUTH-SPEC.md). `expiresIn` in seconds. */
export interface LoginResponse {
  accessToken: string;
  expiresIn: number;
  user: AuthUser;
  mustChangePassword: boolean;
}

/** `GET /auth/me` answer (the part the CLI reads). */
export interface MeResponse {
  user: AuthUser;
}
