import { labelSelectorProblem } from '@knm/contracts';

/** Why a label selector typed in the node filter would be refused, said for the field's hint. */
export interface SelectorCheck {
  /** 0-based index of the offending token (the parser's, and the API's `details.position`). */
  position: number;
  message: string;
}

/**
 * Checks a label selector as it is typed, with the same parser the API uses (libs/contracts,
 * apimachinery's grammar), so the filter says what is wrong and where before anything is sent.
 * Blank = every node (valid). Returns null for a valid selector.
 */
export function checkSelector(text: string): SelectorCheck | null {
  const found = labelSelectorProblem(text);
  return found && { position: found.position, message: `At character ${found.position + 1}: ${found.problem}` };
}
