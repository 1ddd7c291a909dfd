import { ErrorCode, FieldViolation } from '@knm/contracts';

/**
 * A typed domain error. Services throw it; the global exception filter maps `code` to the HTTP
 * status in `ErrorHttpStatus` and the body `{code, message, details?}`.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** 400 VALIDATION_FAILED listing every broken rule with its field path. */
export class ValidationError extends DomainError {
  constructor(readonly violations: FieldViolation[]) {
    super(
      ErrorCode.ValidationFailed,
      violations.map((v) => `${v.field}: ${v.rule}`).join('; '),
      { violations },
    );
  }
}

/** Throws a {@link ValidationError} when `violations` is not empty. */
export function assertNoViolations(violations: FieldViolation[]): void {
  if (violations.length > 0) throw new ValidationError(violations);
}
