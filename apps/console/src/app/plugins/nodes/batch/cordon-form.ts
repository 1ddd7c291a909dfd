import { CORDON_REASON_MAX_LENGTH, type CordonParams, type FieldViolation } from '@knm/contracts';
import { msg, type I18nMessage } from '../../../core/i18n/i18n-message';
import { ruleMessage, type FieldRule } from '../../../core/i18n/rule-text';

/**
 * The "Cordon" dialog's request (pure). The reason is optional free text, sent as typed (the API
 * records it in the knm.io/cordon-reason annotation and enforces its length); an empty reason is
 * left out. The server's 400 violations on `params.reason` go on the reason field.
 */
export function cordonParams(reason: string): CordonParams {
  return reason === '' ? {} : { reason };
}

/** Rules the reason breaks before anything is sent (the API applies the same limit). */
export function cordonReasonViolations(reason: string): I18nMessage[] {
  return reason.length > CORDON_REASON_MAX_LENGTH
    ? [msg('nodes.cordon.reasonTooLong', { max: CORDON_REASON_MAX_LENGTH, length: reason.length })]
    : [];
}

export interface CordonFormErrors {
  reason: I18nMessage[];
  form: FieldRule[];
}

export function placeCordonViolations(violations: readonly FieldViolation[]): CordonFormErrors {
  const errors: CordonFormErrors = { reason: [], form: [] };
  for (const v of violations) {
    if (v.field === 'params.reason') errors.reason.push(ruleMessage(v.rule));
    else errors.form.push({ field: v.field, rule: ruleMessage(v.rule) });
  }
  return errors;
}
