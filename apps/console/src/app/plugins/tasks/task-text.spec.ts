import { taskParamsText, taskTargetText } from './task-text';

describe('task text', () => {
  it('prints label, taint and cordon parameters in kubectl-like words', () => {
    expect([
      taskParamsText('label', { set: { env: 'prod', flag: '' }, remove: ['old'] }),
      taskParamsText('taint', { add: [{ key: 'k', value: 'v', effect: 'NoExecute' }], remove: [{ key: 'gone' }] }),
      taskParamsText('cordon', { reason: 'kernel' }),
      taskParamsText('cordon', {}),
      taskParamsText('uncordon', {}),
    ]).toEqual(['set env=prod, flag=; remove old', 'add k=v:NoExecute; remove gone', 'reason "kernel"', 'no reason given', '—']);
  });

  it('names the selector or the node count as the target', () => {
    const counts = { total: 1, pending: 0, running: 0, succeeded: 1, failed: 0, skipped: 0, cancelled: 0 };
    expect([taskTargetText({ selector: 'env=prod', counts }), taskTargetText({ selector: null, counts })]).toEqual([
      'selector env=prod',
      '1 node',
    ]);
  });
});
