import { ErrorCode, LabelSelector, LabelSelectorError, parseLabelSelector } from '@knm/contracts';
import { DomainError } from '@knm/common';

/** 400 INVALID_SELECTOR; `details.position` is the 0-based index of the offending token, `details.problem` what is wrong. */
export class InvalidSelectorError extends DomainError {
  constructor(selector: string, position: number, problem: string) {
    super(ErrorCode.InvalidSelector, `invalid label selector "${selector}" at position ${position}: ${problem}`, {
      selector,
      position,
      problem,
    });
  }
}

/**
 * Parses the label selector of a node query or task target with the one parser in libs/contracts
 * (apimachinery's grammar). Empty or blank = every node.
 * @throws InvalidSelectorError (400 INVALID_SELECTOR) naming the position and the problem.
 */
export function parseNodeSelector(source: string): LabelSelector {
  try {
    return parseLabelSelector(source);
  } catch (err) {
    if (err instanceof LabelSelectorError) throw new InvalidSelectorError(err.selector, err.position, err.problem);
    throw err;
  }
}
