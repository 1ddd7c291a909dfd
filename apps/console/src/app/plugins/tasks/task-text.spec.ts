import { textOf } from '../../testing/console-testing';
import { taskParamsText, taskTargetText } from './task-text';

describe('task text', () => {
  it('prints label, taint and cordon parameters in kubectl-like words', () => {
    expect([
      textOf(taskParamsText('label', { set: { env: 'prod', flag: '' }, remove: ['old'] })),
      textOf(taskParamsText('taint', { add: [{ key: 'k', value: 'v', effect: 'NoExecute' }], remove: [{ key: 'gone' }] })),
      textOf(taskParamsText('cordon', { reason: 'kernel' })),
      textOf(taskParamsText('cordon', {})),
      textOf(taskParamsText('uncordon', {})),
    ]).toEqual(['set env=prod, flag=; remove old', 'add k=v:NoExecute; remove gone', 'reason "kernel"', 'no reason given', '—']);
  });

  it('prints parameters in Chinese with the Chinese list separator, keys and values as written', () => {
    expect(textOf(taskParamsText('label', { set: { env: 'prod' }, remove: ['old'] }), 'zh-CN')).toBe('设置 env=prod；删除 old');
  });

  it('names the selector or the node count as the target', () => {
    const counts = { total: 1, pending: 0, running: 0, succeeded: 1, failed: 0, skipped: 0, cancelled: 0 };
    expect([
      textOf(taskTargetText({ selector: 'env=prod', counts })),
      textOf(taskTargetText({ selector: null, counts })),
      textOf(taskTargetText({ selector: null, counts: { ...counts, total: 5000 } })),
    ]).toEqual(['selector env=prod', '1 node', '5,000 nodes']);
  });
});
