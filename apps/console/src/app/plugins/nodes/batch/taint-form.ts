import {
  TAINT_EFFECTS,
  taintKeyViolations,
  taintValueViolations,
  type FieldViolation,
  type TaintEffect,
  type TaintParams,
} from '@knm/contracts';
import { msg, type I18nMessage } from '../../../core/i18n/i18n-message';
import { ruleMessage, ruleMessages, type FieldRule } from '../../../core/i18n/rule-text';

/**
 * Validation of the "Taints" batch dialog (pure). Keys and values follow the contracts' Kubernetes
 * rules (apimachinery IsQualifiedName / IsValidLabelValue); the request rules mirror the API's:
 * effect one of NoSchedule|PreferNoSchedule|NoExecute, one add per key+effect, and a key may not
 * be both added and removed. Input is never rewritten to fit. Blank rows are ignored.
 */

export interface TaintAddRow {
  key: string;
  value: string;
  effect: TaintEffect | '';
}

/** Remove by key; `effect: ''` removes the key with any effect. */
export interface TaintRemoveRow {
  key: string;
  effect: TaintEffect | '';
}

export interface TaintEdit {
  add: readonly TaintAddRow[];
  remove: readonly TaintRemoveRow[];
}

export interface TaintFormErrors {
  add: { key: I18nMessage[]; value: I18nMessage[]; effect: I18nMessage[] }[];
  remove: { key: I18nMessage[]; effect: I18nMessage[] }[];
  form: FieldRule[];
}

export interface TaintValidation {
  errors: TaintFormErrors;
  valid: boolean;
  params: TaintParams | null;
  /** A NoExecute taint is added: pods without a matching toleration are evicted at once. */
  evicts: boolean;
}

const blankAdd = (r: TaintAddRow): boolean => r.key === '' && r.value === '';
const oneOfEffects = (): I18nMessage => msg('nodes.taintForm.effectOneOf', { effects: TAINT_EFFECTS.join(', ') });
const isEffect = (e: string): e is TaintEffect => (TAINT_EFFECTS as readonly string[]).includes(e);

function addRowErrors(row: TaintAddRow, i: number, edit: TaintEdit): TaintFormErrors['add'][number] {
  if (blankAdd(row)) return { key: [], value: [], effect: [] };
  const key = ruleMessages(taintKeyViolations(row.key));
  const first = edit.add.findIndex((o) => !blankAdd(o) && o.key === row.key && o.effect === row.effect);
  if (first !== i) key.push(msg('nodes.taintForm.addedTwice', { effect: row.effect || '—' }));
  if (edit.remove.some((r) => r.key === row.key && (r.effect === '' || r.effect === row.effect))) {
    key.push(msg('nodes.taintForm.alsoRemoved'));
  }
  const effect = isEffect(row.effect) ? [] : [oneOfEffects()];
  return { key, value: ruleMessages(taintValueViolations(row.value)), effect };
}

/** Validates the dialog's rows; see the rules above. */
export function validateTaintEdit(edit: TaintEdit): TaintValidation {
  const errors: TaintFormErrors = {
    add: edit.add.map((row, i) => addRowErrors(row, i, edit)),
    remove: edit.remove.map((row, i) => {
      if (row.key === '') return { key: [], effect: [] };
      const key = ruleMessages(taintKeyViolations(row.key));
      const first = edit.remove.findIndex((o) => o.key === row.key && o.effect === row.effect);
      if (first !== i) key.push(msg('nodes.taintForm.removedTwice'));
      return { key, effect: row.effect === '' || isEffect(row.effect) ? [] : [oneOfEffects()] };
    }),
    form: [],
  };
  const adds = edit.add.filter((r) => !blankAdd(r));
  const removes = edit.remove.filter((r) => r.key !== '');
  if (adds.length === 0 && removes.length === 0) errors.form.push({ field: null, rule: msg('nodes.taintForm.nothingToDo') });
  const evicts = adds.some((r) => r.effect === 'NoExecute');
  const valid = !hasTaintErrors(errors);
  if (!valid) return { errors, valid, params: null, evicts };
  const params: TaintParams = {
    ...(adds.length ? { add: adds.map((r) => ({ key: r.key, ...(r.value ? { value: r.value } : {}), effect: r.effect as TaintEffect })) } : {}),
    ...(removes.length ? { remove: removes.map((r) => ({ key: r.key, ...(r.effect ? { effect: r.effect } : {}) })) } : {}),
  };
  return { errors, valid, params, evicts };
}

export function hasTaintErrors(errors: TaintFormErrors): boolean {
  return (
    errors.form.length > 0 ||
    errors.add.some((e) => e.key.length + e.value.length + e.effect.length > 0) ||
    errors.remove.some((e) => e.key.length + e.effect.length > 0)
  );
}

const ADD_RE = /^params\.add\[(\d+)\](?:\.(key|value|effect))?$/;
const REMOVE_RE = /^params\.remove\[(\d+)\](?:\.(key|effect))?$/;

/** Position of the n-th non-blank row among all rows (the request skips blank rows). */
function rowIndex<T>(rows: readonly T[], blank: (r: T) => boolean, n: number): number {
  let seen = -1;
  return rows.findIndex((r) => !blank(r) && ++seen === n);
}

/**
 * Places the server's 400 violations on the fields they name: `params.add[i].key|value|effect`
 * and `params.remove[i].key|effect` (i counts submitted rows, blank rows skipped; a violation on
 * the whole item lands on its key); anything else becomes a form line naming its field.
 */
export function placeTaintViolations(edit: TaintEdit, violations: readonly FieldViolation[]): TaintFormErrors {
  const errors: TaintFormErrors = {
    add: edit.add.map(() => ({ key: [], value: [], effect: [] })),
    remove: edit.remove.map(() => ({ key: [], effect: [] })),
    form: [],
  };
  for (const v of violations) {
    const add = ADD_RE.exec(v.field);
    const remove = REMOVE_RE.exec(v.field);
    const addAt = add ? rowIndex(edit.add, blankAdd, Number(add[1])) : -1;
    const removeAt = remove ? rowIndex(edit.remove, (r) => r.key === '', Number(remove[1])) : -1;
    const rule = ruleMessage(v.rule);
    if (add && addAt >= 0) errors.add[addAt][(add[2] ?? 'key') as 'key' | 'value' | 'effect'].push(rule);
    else if (remove && removeAt >= 0) errors.remove[removeAt][(remove[2] ?? 'key') as 'key' | 'effect'].push(rule);
    else errors.form.push({ field: v.field, rule });
  }
  return errors;
}

/** Client errors followed by the server's, field by field. */
export function mergeTaintErrors(client: TaintFormErrors, server: TaintFormErrors | null): TaintFormErrors {
  if (!server) return client;
  return {
    add: client.add.map((e, i) => ({
      key: [...e.key, ...(server.add[i]?.key ?? [])],
      value: [...e.value, ...(server.add[i]?.value ?? [])],
      effect: [...e.effect, ...(server.add[i]?.effect ?? [])],
    })),
    remove: client.remove.map((e, i) => ({
      key: [...e.key, ...(server.remove[i]?.key ?? [])],
      effect: [...e.effect, ...(server.remove[i]?.effect ?? [])],
    })),
    form: [...client.form, ...server.form],
  };
}
