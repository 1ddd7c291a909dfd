import type { FieldViolation } from '../errors';
import { createTaskRequestSchema } from './task.schema';
import { parseWith } from './violations';

function violations(body: unknown): FieldViolation[] {
  const r = parseWith(createTaskRequestSchema, body);
  return r.ok ? [] : r.violations;
}

const fields = (body: unknown) => violations(body).map((v) => v.field);
const label = (params: unknown, extra: Record<string, unknown> = {}) => ({ kind: 'label', params, nodes: ['node-1'], ...extra });
const taint = (params: unknown) => ({ kind: 'taint', params, nodes: ['node-1'] });

describe('createTaskRequestSchema', () => {
  it('accepts a valid label request', () => {
    expect(violations(label({ set: { 'example.com/tier': 'web', env: '' }, remove: ['old'] }))).toEqual([]);
  });

  it('names the body when it is not an object, null included', () => {
    expect(violations('nope')).toEqual([{ field: 'body', rule: 'must be a JSON object, not a string' }]);
    expect(violations(null)).toEqual([{ field: 'body', rule: 'must be a JSON object, not null' }]);
    expect(violations([])).toEqual([{ field: 'body', rule: 'must be a JSON object, not an array' }]);
  });

  it('rejects unknown top-level fields by name', () => {
    expect(violations(label({ set: { a: 'b' } }, { force: true }))).toEqual([{ field: 'force', rule: 'is not a known field' }]);
  });

  it('rejects an unknown kind and lists the kinds', () => {
    expect(violations({ kind: 'reboot', params: {}, nodes: ['n1'] })).toEqual([{ field: 'kind', rule: 'must be one of label, taint, cordon, uncordon' }]);
    expect(fields({ nodes: ['n1'] })).toEqual(['kind']);
  });

  it('requires exactly one of nodes or selector', () => {
    expect(violations({ kind: 'cordon' })).toEqual([{ field: 'nodes', rule: 'exactly one of nodes or selector is required' }]);
    expect(fields({ kind: 'cordon', nodes: ['a'], selector: 'x=y' })).toEqual(['selector']);
  });

  it('rejects an empty node list, bad node names and duplicates with their index', () => {
    expect(violations({ kind: 'cordon', nodes: [] })).toEqual([{ field: 'nodes', rule: 'must have at least one item' }]);
    expect(fields({ kind: 'cordon', nodes: ['ok', 'Bad_Name', 'ok', 7] })).toEqual(['nodes[1]', 'nodes[3]', 'nodes[2]']);
    expect(violations({ kind: 'cordon', nodes: ['a', 'a'] })).toEqual([{ field: 'nodes[1]', rule: 'duplicate of nodes[0]' }]);
  });

  it('rejects more than TASK_MAX_NODES nodes', () => {
    const nodes = Array.from({ length: 10_001 }, (_, i) => `n-${i}`);
    expect(violations({ kind: 'cordon', nodes })).toEqual([{ field: 'nodes', rule: 'must have at most 10000 items' }]);
  });

  it('rejects an empty selector', () => {
    expect(fields({ kind: 'cordon', selector: '  ' })).toEqual(['selector']);
  });

  it('rejects concurrency outside 1..1000 or fractional, and a non-boolean dryRun', () => {
    expect(fields({ kind: 'cordon', nodes: ['a'], concurrency: 0 })).toEqual(['concurrency']);
    expect(fields({ kind: 'cordon', nodes: ['a'], concurrency: 1001 })).toEqual(['concurrency']);
    expect(violations({ kind: 'cordon', nodes: ['a'], concurrency: 2.5 })).toEqual([{ field: 'concurrency', rule: 'must be a whole number' }]);
    expect(violations({ kind: 'cordon', nodes: ['a'], dryRun: 'yes' })).toEqual([{ field: 'dryRun', rule: 'must be true or false, not a string' }]);
  });

  it('reports every violation at once, in field order', () => {
    expect(fields({ kind: 'label', params: { set: { 'a/b/c': 'x' } }, nodes: [], concurrency: -1 })).toEqual([
      'params.set["a/b/c"]',
      'nodes',
      'concurrency',
    ]);
  });
});

describe('label params', () => {
  it('requires params to be an object with something to do', () => {
    expect(violations(label(undefined))).toEqual([{ field: 'params', rule: 'is required' }]);
    expect(violations(label({}))).toEqual([{ field: 'params', rule: 'must set or remove at least one label' }]);
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
    expect(violations(label({ set: { a: 5 } }))).toEqual([{ field: 'params.set["a"]', rule: 'value must be a string, not a number' }]);
  });

  it('checks remove entries by index: type, key rules, duplicates, overlap with set', () => {
    const v = violations(label({ set: { a: '1' }, remove: [3, 'bad key', 'b', 'b', 'a'] }));
    expect(v.map((x) => x.field)).toEqual(['params.remove[0]', 'params.remove[1]', 'params.remove[3]', 'params.remove[4]']);
    expect(v[2].rule).toBe('duplicate of params.remove[2]');
    expect(v[3].rule).toBe('must not also be set in params.set["a"]');
  });

  it('treats constructor and __proto__ as ordinary keys', () => {
    expect(violations(label({ remove: ['constructor'] }))).toEqual([]);
    expect(violations(label({ set: { constructor: 'x', toString: 'y' } }))).toEqual([]);
    const proto = JSON.parse('{"kind":"label","nodes":["n1"],"params":{"set":{"__proto__":"x"}}}');
    expect(fields(proto)).toEqual(['params.set["__proto__"]']);
    const parsed = parseWith(createTaskRequestSchema, label({ set: { constructor: 'x' } }));
    expect(parsed.ok && parsed.value.kind === 'label' && Object.keys(parsed.value.params.set ?? {})).toEqual(['constructor']);
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
    expect(violations({ kind: 'cordon', params: { reason: 'x'.repeat(1025) }, nodes: ['a'] })).toEqual([{ field: 'params.reason', rule: 'must be at most 1024 characters' }]);
  });

  it('rejects any uncordon param', () => {
    expect(fields({ kind: 'uncordon', params: { reason: 'x' }, nodes: ['a'] })).toEqual(['params.reason']);
  });
});
