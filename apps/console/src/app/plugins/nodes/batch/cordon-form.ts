import { CORDON_REASON_MAX_LENGTH, type CordonParams, type FieldViolation } from '@knm/contracts';

/**
 * The "Cordon" dialog's request (pure). The reason is optional free text, sent as typed (the API
 * records it in the knm.io/cordon-reason annotation and enforces its length); an empty reason is
 * left out. The server's 400 violations on `params.reason` go on the reason field.
 */
export function cordonParams(reason: string): CordonParams {
  return reason === '' ? {} : { reason };
}

/** Rules the reason breaks before anything is sent (the API applies the same limit). */
export function cordonReasonViolations(reason: string): string[] {
  return reason.length > CORDON_REASON_MAX_LENGTH
    ? [`must be at most ${CORDON_REASON_MAX_LENGTH} characters (now ${reason.length})`]
    : [];
}

export interface CordonFormErrors {
  reason: string[];
  form: string[];
}

export function placeCordonViolations(violations: readonly FieldViolation[]): CordonFormErrors {
  const errors: CordonFormErrors = { reason: [], form: [] };
  for (const v of violations) {
    if (v.field === 'params.reason') errors.reason.push(v.rule);
    else errors.form.push(`${v.field}: ${v.rule}`);
  }
  return errors;
}
