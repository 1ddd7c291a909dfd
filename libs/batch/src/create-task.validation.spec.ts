import { ValidationError } from '@knm/common';
import type { FieldViolation } from '@knm/contracts';
import { validateCreateTask } from './create-task.validation';
import { NodeOperationRegistry } from './node-operation.registry';
import { CordonOperation, LabelOperation, TaintOperation, UncordonOperation } from './operations';

const registry = new NodeOperationRegistry([new LabelOperation(), new TaintOperation(), new CordonOperation(), new UncordonOperation()]);
const limits = { maxConcurrency: 50 };

function violations(body: unknown, cluster = 'prod'): FieldViolation[] {
  try {
    validateCreateTask(cluster, body, registry, limits);
  } catch (err) {
    if (err instanceof ValidationError) return err.violations;
    throw err;
  }
  return [];
}

const fields = (body: unknown, cluster?: string) => violations(body, cluster).map((v) => v.field);
const label = (params: unknown, extra: Record<string, unknown> = {}) => ({ kind: 'label', params, nodes: ['node-1'], ...extra });
const taint = (params: unknown) => ({ kind: 'taint', params, nodes: ['node-1'] });

describe('validateCreateTask', () => {
  it('accepts a valid label request', () => {
    expect(violations(label({ set: { 'example.com/tier': 'web', env: '' }, remove: ['old'] }))).toEqual([]);
  });

  it('rejects a body that is not an object', () => {
    expect(fields('nope')).toEqual(['']);
  });

  it('rejects a bad cluster name in the path', () => {
    expect(fields(label({ set: { a: 'b' } }), 'Prod_1')).toEqual(['cluster']);
  });

  it('rejects unknown top-level fields by name', () => {
    expect(fields(label({ set: { a: 'b' } }, { force: true }))).toEqual(['force']);
  });

  it('rejects an unknown kind and lists the registered kinds', () => {
    const v = violations({ kind: 'reboot', params: {}, nodes: ['n1'] });
    expect(v).toEqual([{ field: 'kind', rule: 'must be one of label, taint, cordon, uncordon' }]);
  });

  it('requires exactly one of nodes or selector', () => {
    expect(fields({ kind: 'cordon' })).toEqual(['nodes']);
    expect(fields({ kind: 'cordon', nodes: ['a'], selector: 'x=y' })).toEqual(['selector']);
  });

  it('rejects an empty node list, bad node names and duplicates with their index', () => {
    expect(fields({ kind: 'cordon', nodes: [] })).toEqual(['nodes']);
    expect(violations({ kind: 'cordon', nodes: ['ok', 'Bad_Name', 'ok', 7] }).map((v) => v.field)).toEqual(['nodes[1]', 'nodes[2]', 'nodes[3]']);
    expect(violations({ kind: 'cordon', nodes: ['a', 'a'] })).toEqual([{ field: 'nodes[1]', rule: 'duplicate of nodes[0]' }]);
  });

  it('rejects more than TASK_MAX_NODES nodes', () => {
    const nodes = Array.from({ length: 10_001 }, (_, i) => `n-${i}`);
    expect(fields({ kind: 'cordon', nodes })).toEqual(['nodes']);
  });

  it('rejects an empty selector', () => {
    expect(fields({ kind: 'cordon', selector: '  ' })).toEqual(['selector']);
  });

  it('rejects concurrency outside 1..maxConcurrency and a non-boolean dryRun', () => {
    expect(fields({ kind: 'cordon', nodes: ['a'], concurrency: 0 })).toEqual(['concurrency']);
    expect(fields({ kind: 'cordon', nodes: ['a'], concurrency: 51 })).toEqual(['concurrency']);
    expect(fields({ kind: 'cordon', nodes: ['a'], concurrency: 2.5 })).toEqual(['concurrency']);
    expect(fields({ kind: 'cordon', nodes: ['a'], dryRun: 'yes' })).toEqual(['dryRun']);
  });

  it('reports every violation at once', () => {
    expect(fields({ kind: 'label', params: { set: { 'a/b/c': 'x' } }, nodes: [], concurrency: -1 })).toEqual([
      'params.set["a/b/c"]',
      'nodes',
      'concurrency',
    ]);
  });
});

describe('label params', () => {
  it('requires params to be an object with something to do', () => {
    expect(fields(label(undefined))).toEqual(['params']);
    expect(fields(label({}))).toEqual(['params']);
    expect(fields(label({ set: {}, remove: [] }))).toEqual(['params']);
  });

  it('names a bad key and a bad value at the exact key path, never rewriting them', () => {
    const v = violations(label({ set: { 'bad key': 'ok', good: 'bad value!', 'UPPER.example.com/x': 'v' } }));
    expect(v.map((x) => x.field)).toEqual(['params.set["bad key"]', 'params.set["good"]', 'params.set["UPPER.example.com/x"]']);
    expect(v[0].rule).toMatch(/^key name part must consist of alphanumeric/);
    expect(v[1].rule).toMatch(/^value must consist of alphanumeric/);
    expect(v[2].rule).toMatch(/^key prefix part must be a lowercase RFC 1123 subdomain/);
  });

  it('rejects values longer than 63 characters and non-string values', () => {
    expect(violations(label({ set: { a: 'x'.repeat(64) } }))).toEqual([{ field: 'params.set["a"]', rule: 'value must be no more than 63 characters' }]);
    expect(violations(label({ set: { a: 5 } }))).toEqual([{ field: 'params.set["a"]', rule: 'value must be a string' }]);
  });

  it('rejects a name part longer than 63 characters', () => {
    expect(fields(label({ set: { ['k'.repeat(64)]: 'v' } }))).toEqual([`params.set["${'k'.repeat(64)}"]`]);
  });

  it('checks remove entries by index: type, key rules, duplicates, overlap with set', () => {
    const v = violations(label({ set: { a: '1' }, remove: [3, 'bad key', 'b', 'b', 'a'] }));
    expect(v.map((x) => x.field)).toEqual(['params.remove[0]', 'params.remove[1]', 'params.remove[3]', 'params.remove[4]']);
    expect(v[2].rule).toBe('duplicate of params.remove[2]');
    expect(v[3].rule).toBe('must not also be set in params.set["a"]');
  });

  it('rejects unknown params fields and too many keys', () => {
    expect(fields(label({ set: { a: '1' }, replace: true }))).toEqual(['params.replace']);
    const set = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`k${i}`, 'v']));
    expect(fields(label({ set }))).toEqual(['params.set']);
  });
});

describe('taint params', () => {
  it('accepts add and remove', () => {
    expect(violations(taint({ add: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }], remove: [{ key: 'old' }] }))).toEqual([]);
  });

  it('names each bad field of an added taint', () => {
    const v = violations(taint({ add: [{ key: 'bad key', value: 'no way!', effect: 'Sometimes', extra: 1 }] }));
    expect(v.map((x) => x.field).sort()).toEqual(['params.add[0].effect', 'params.add[0].extra', 'params.add[0].key', 'params.add[0].value']);
  });

  it('rejects duplicate key+effect in add and a remove clashing with an add', () => {
    const v = violations(taint({ add: [{ key: 'a', effect: 'NoSchedule' }, { key: 'a', effect: 'NoSchedule' }], remove: [{ key: 'a' }] }));
    expect(v).toEqual([
      { field: 'params.add[1]', rule: 'duplicate of params.add[0] (same key and effect)' },
      { field: 'params.remove[0]', rule: 'conflicts with params.add[0] (same key)' },
    ]);
  });

  it('checks the effect of a removal and requires something to do', () => {
    expect(fields(taint({ remove: [{ key: 'a', effect: 'Never' }] }))).toEqual(['params.remove[0].effect']);
    expect(fields(taint({}))).toEqual(['params']);
  });
});

describe('cordon and uncordon params', () => {
  it('accept missing params', () => {
    expect(violations({ kind: 'cordon', nodes: ['a'] })).toEqual([]);
    expect(violations({ kind: 'uncordon', nodes: ['a'] })).toEqual([]);
  });

  it('check the cordon reason type and length', () => {
    expect(fields({ kind: 'cordon', params: { reason: 5 }, nodes: ['a'] })).toEqual(['params.reason']);
    expect(fields({ kind: 'cordon', params: { reason: 'x'.repeat(1025) }, nodes: ['a'] })).toEqual(['params.reason']);
  });

  it('rejects any uncordon param', () => {
    expect(fields({ kind: 'uncordon', params: { reason: 'x' }, nodes: ['a'] })).toEqual(['params.reason']);
  });
});
