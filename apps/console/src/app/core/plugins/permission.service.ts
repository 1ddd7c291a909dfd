import { Injectable } from '@angular/core';
import type { ConsolePermission } from './plugin.types';

/**
 * Answers whether the signed-in user holds a permission. Placeholder: the API has no auth/rbac
 * module yet, so every permission is granted; the shell and slot hosts already ask, so wiring the
 * real check later touches only this class.
 */
@Injectable({ providedIn: 'root' })
export class PermissionService {
  has(permission: ConsolePermission | undefined): boolean {
    return permission === undefined || permission.length > 0;
  }
}
