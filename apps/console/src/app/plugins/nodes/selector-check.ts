import { labelSelectorProblem } from '@knm/contracts';
import { msg, type I18nMessage } from '../../core/i18n/i18n-message';

/** Why a label selector typed in the node filter would be refused, said for the field's hint. */
export interface SelectorCheck {
  /** 0-based index of the offending token (the parser's, and the API's `details.position`). */
  position: number;
  /** The parser's problem (apimachinery's wording, English like the API's messages). */
  problem: string;
  /** What the field's hint shows: the 1-based character and the problem, translated. */
  message: I18nMessage;
}

/**
 * Checks a label selector as it is typed, with the same parser the API uses (libs/contracts,
 * apimachinery's grammar), so the filter says what is wrong and where before anything is sent.
 * Blank = every node (valid). Returns null for a valid selector.
 */
export function checkSelector(text: string): SelectorCheck | null {
  const found = labelSelectorProblem(text);
  return found && {
    position: found.position,
    problem: found.problem,
    message: msg('nodes.filters.selectorInvalidAt', { position: found.position + 1, problem: found.problem }),
  };
}
