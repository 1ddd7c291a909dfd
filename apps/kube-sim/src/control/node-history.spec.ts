import { parseHistory } from './node-history';

const exists = (name: string): boolean => name === 'a' || name === 'b';

describe('parseHistory', () => {
  it('accepts condition changes and actions in time order', () => {
    const body = { steps: [{ atMs: 0, node: 'a', condition: 'Ready', status: 'False' }, { atMs: 0, node: 'b', action: 'reboot' }, { atMs: 10, node: 'a', condition: 'KernelDeadlock', status: 'True', reason: 'r' }] };
    expect(parseHistory(body, exists)).toEqual({ steps: [{ atMs: 0, node: 'a', condition: 'Ready', status: 'False' }, { atMs: 0, node: 'b', action: 'reboot' }, { atMs: 10, node: 'a', condition: 'KernelDeadlock', status: 'True', reason: 'r' }] });
  });

  it.each([
    [{}, 'steps', 'must be a non-empty array'],
    [{ steps: [{ atMs: -1, node: 'a', condition: 'Ready', status: 'True' }] }, 'steps[0].atMs', 'must be a non-negative number of milliseconds'],
    [{ steps: [{ atMs: 0, node: 'x', condition: 'Ready', status: 'True' }] }, 'steps[0].node', 'must name an existing node'],
    [{ steps: [{ atMs: 0, node: 'a', condition: 'Ready', status: 'Yes' }] }, 'steps[0].status', 'must be True, False or Unknown'],
    [{ steps: [{ atMs: 0, node: 'a', condition: 'not a type', status: 'True' }] }, 'steps[0].condition', 'must be a condition type such as Ready or MemoryPressure'],
    [{ steps: [{ atMs: 0, node: 'a', action: 'cordon', condition: 'Ready' }] }, 'steps[0].condition', 'must not be set together with action'],
    [{ steps: [{ atMs: 0, node: 'a', condition: 'Ready', status: 'True', message: 5 }] }, 'steps[0].message', 'must be a string of at most 1024 characters'],
  ])('refuses %j naming %s', (body, field, rule) => {
    expect(parseHistory(body, exists)).toEqual({ violations: [{ field, rule }] });
  });

  it('refuses more than 10,000 steps', () => {
    const steps = Array.from({ length: 10_001 }, () => ({ atMs: 0, node: 'a', condition: 'Ready', status: 'True' }));
    expect(parseHistory({ steps }, exists)).toEqual({ violations: [{ field: 'steps', rule: 'must have at most 10000 steps' }] });
  });
});
