import { labelSelectorOf, type LabelRequirement, type LabelSelector } from '@knm/contracts';
import type { LabelSelectorSpec } from '../api/types';

const OPERATOR_OF_EXPRESSION = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' } as const;

/**
 * Converts a meta/v1 LabelSelector (matchLabels + matchExpressions) to a selector, like
 * metav1.LabelSelectorAsSelector: a missing selector selects nothing (null), an empty one
 * everything. Matching is libs/contracts' (apimachinery's Requirement.Matches). The string form
 * (`?labelSelector=`) is parsed by libs/contracts' parseLabelSelector.
 */
export function labelSelectorFromSpec(spec: LabelSelectorSpec | undefined): LabelSelector | null {
  if (!spec) return null;
  const requirements: LabelRequirement[] = Object.entries(spec.matchLabels ?? {}).map(([key, value]) => ({ key, operator: '=', values: [value] }));
  for (const e of spec.matchExpressions ?? []) {
    requirements.push({ key: e.key, operator: OPERATOR_OF_EXPRESSION[e.operator], values: [...new Set(e.values ?? [])].sort() });
  }
  return labelSelectorOf(requirements);
}
