import {
  labelKeyViolations,
  labelValueViolations,
  type FieldViolation,
  type LabelParams,
} from '@knm/contracts';
import { msg, type I18nMessage } from '../../core/i18n/i18n-message';
import { ruleMessage, ruleMessages, type FieldRule } from '../../core/i18n/rule-text';

/**
 * Validation of the "Labels" batch dialog (pure). Rules come from the contracts' Kubernetes name
 * validators (apimachinery IsQualifiedName / IsValidLabelValue); input is validated as typed and
 * never rewritten to fit. A row with empty key and value is ignored (a blank line to fill in).
 */

export interface LabelSetRow {
  key: string;
  value: string;
}

export interface LabelEdit {
  set: readonly LabelSetRow[];
  remove: readonly string[];
}

export interface LabelFormErrors {
  /** Per `set` row: rules its key and its value break. */
  set: { key: I18nMessage[]; value: I18nMessage[] }[];
  /** Per `remove` row: rules the key breaks. */
  remove: I18nMessage[][];
  /** Rules not tied to one field (nothing to do, server violations for other fields). */
  form: FieldRule[];
}

export interface LabelValidation {
  errors: LabelFormErrors;
  valid: boolean;
  /** The request params when valid, else null. */
  params: LabelParams | null;
}

const isBlank = (row: LabelSetRow): boolean => row.key === '' && row.value === '';

/** Validates the dialog's rows; see the rules above. */
export function validateLabelEdit(edit: LabelEdit): LabelValidation {
  const setKeys = edit.set.filter((r) => !isBlank(r)).map((r) => r.key);
  const errors: LabelFormErrors = {
    set: edit.set.map((row) => {
      if (isBlank(row)) return { key: [], value: [] };
      const key = ruleMessages(labelKeyViolations(row.key));
      if (setKeys.filter((k) => k === row.key).length > 1) key.push(msg('nodes.labelForm.setTwice'));
      if (edit.remove.includes(row.key)) key.push(msg('nodes.labelForm.alsoRemoved'));
      return { key, value: ruleMessages(labelValueViolations(row.value)) };
    }),
    remove: edit.remove.map((key) => {
      if (key === '') return [];
      const rules = ruleMessages(labelKeyViolations(key));
      if (edit.remove.filter((k) => k === key).length > 1) rules.push(msg('nodes.labelForm.removedTwice'));
      return rules;
    }),
    form: [],
  };
  const removeKeys = edit.remove.filter((k) => k !== '');
  if (setKeys.length === 0 && removeKeys.length === 0) errors.form.push({ field: null, rule: msg('nodes.labelForm.nothingToDo') });
  const valid = !hasErrors(errors);
  if (!valid) return { errors, valid, params: null };
  const set = Object.fromEntries(edit.set.filter((r) => !isBlank(r)).map((r) => [r.key, r.value]));
  const params: LabelParams = {
    ...(setKeys.length ? { set } : {}),
    ...(removeKeys.length ? { remove: removeKeys } : {}),
  };
  return { errors, valid, params };
}

export function hasErrors(errors: LabelFormErrors): boolean {
  return (
    errors.form.length > 0 ||
    errors.set.some((e) => e.key.length > 0 || e.value.length > 0) ||
    errors.remove.some((e) => e.length > 0)
  );
}

const SET_FIELD_RE = /^params\.set(?:\["(.+)"\]|\.([^.[\]]+))$/;
const REMOVE_FIELD_RE = /^params\.remove\[(\d+)\]$/;

/**
 * Places the server's 400 violations next to the fields they name: `params.set["<key>"]` on the
 * set row with that key, `params.remove[<i>]` on remove row i; anything else (e.g. `nodes[3]`)
 * becomes a form-level line naming its field. Rules are translated when the console knows them.
 */
export function placeServerViolations(edit: LabelEdit, violations: readonly FieldViolation[]): LabelFormErrors {
  const errors: LabelFormErrors = {
    set: edit.set.map(() => ({ key: [], value: [] })),
    remove: edit.remove.map(() => []),
    form: [],
  };
  for (const v of violations) {
    const set = SET_FIELD_RE.exec(v.field);
    const setIndex = set ? edit.set.findIndex((r) => r.key === (set[1] ?? set[2])) : -1;
    const remove = REMOVE_FIELD_RE.exec(v.field);
    const removeIndex = remove ? Number(remove[1]) : -1;
    const rule = ruleMessage(v.rule);
    if (setIndex >= 0) errors.set[setIndex].key.push(rule);
    else if (removeIndex >= 0 && removeIndex < edit.remove.length) errors.remove[removeIndex].push(rule);
    else errors.form.push({ field: v.field, rule });
  }
  return errors;
}
