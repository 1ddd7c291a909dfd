import { PERMISSION_SCOPE, PERMISSIONS, ROLE_PERMISSIONS, roleGrants } from './permissions';
import { TASK_KIND_PERMISSION, TASK_KINDS } from './task';

describe('permission vocabulary', () => {
  it('grants admin everything and the other roles exactly their list', () => {
    expect(PERMISSIONS.every((p) => roleGrants('admin', p))).toBe(true);
    expect(PERMISSIONS.filter((p) => roleGrants('viewer', p))).toEqual(['clusters:read', 'nodes:read', 'tasks:read', 'templates:read']);
    expect(roleGrants('operator', 'pods:delete')).toBe(false);
    expect(roleGrants('operator', 'nodes:drain-below-limit')).toBe(false);
    expect(roleGrants('auditor', 'audit:export')).toBe(true);
    expect(roleGrants('auditor', 'nodes:label')).toBe(false);
  });

  it('scopes clusters:read, nodes:*, pods:delete and tasks:* per cluster; the rest globally', () => {
    const perCluster = PERMISSIONS.filter((p) => PERMISSION_SCOPE[p] === 'cluster');
    expect(perCluster.every((p) => p === 'clusters:read' || p === 'pods:delete' || /^(nodes|tasks):/.test(p))).toBe(true);
    expect(PERMISSIONS.filter((p) => /^(nodes|tasks):/.test(p)).every((p) => PERMISSION_SCOPE[p] === 'cluster')).toBe(true);
    expect(PERMISSION_SCOPE['clusters:write']).toBe('global');
  });

  it('names a permission for every task kind', () => {
    expect(TASK_KINDS.map((k) => TASK_KIND_PERMISSION[k])).toEqual(['nodes:label', 'nodes:taint', 'nodes:cordon', 'nodes:cordon']);
    expect(ROLE_PERMISSIONS.operator).toEqual(expect.arrayContaining(Object.values(TASK_KIND_PERMISSION)));
  });
});
