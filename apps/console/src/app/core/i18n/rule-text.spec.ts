import {
  dns1123LabelViolations,
  dns1123SubdomainViolations,
  labelKeyViolations,
  labelValueViolations,
  qualifiedNameViolations,
} from '@knm/contracts';
import { textOf } from '../../testing/console-testing';
import { ruleMessage } from './rule-text';

/** Inputs that break every rule the contracts' Kubernetes name validators know. */
const BAD_INPUTS = ['', 'bad key', '-x-', 'a'.repeat(300), 'a/b/c', '/name', 'Bad_Prefix.com/x', `${'p'.repeat(260)}/x`, 'ok.com/', `ok.com/${'n'.repeat(70)}`, 'UPPER'];
const VALIDATORS = [dns1123LabelViolations, dns1123SubdomainViolations, qualifiedNameViolations, labelKeyViolations, labelValueViolations];

describe('rule texts', () => {
  it('recognises every rule the contracts validators produce (a reworded rule fails here, not on a Chinese page)', () => {
    const rules = [...new Set(VALIDATORS.flatMap((v) => BAD_INPUTS.flatMap((input) => v(input))))];
    expect(rules.length).toBeGreaterThan(10);
    expect(rules.filter((r) => ruleMessage(r).key === 'rules.asWritten')).toEqual([]);
  });

  it('translates a rule with its limit, and a prefix rule as one sentence', () => {
    expect([
      textOf(ruleMessage('must be no more than 63 characters'), 'zh-CN'),
      textOf(ruleMessage('prefix part must not be empty'), 'zh-CN'),
    ]).toEqual(['不能超过 63 个字符', '前缀（“/”之前的部分）不能为空']);
  });

  it('shows a rule it does not know as the server wrote it', () => {
    expect(textOf(ruleMessage('is reserved for the system'), 'zh-CN')).toBe('is reserved for the system');
  });
});
