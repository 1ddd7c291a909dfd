import { TAINT_EFFECTS, taintKeyViolations, taintValueViolations, type Taint, type TaintEffect, type TaintParams } from '@knm/contracts';
import { usageError } from '../exit-codes';
import { splitNodesAndChanges } from './resource-args';

/** A taint change argument contains '=' or ':' or ends with '-' (kubectl taint's argument split). */
export const isTaintChange = (arg: string): boolean => arg.includes('=') || arg.includes(':') || arg.endsWith('-');

const EFFECTS_RULE = `must be one of ${TAINT_EFFECTS.join(', ')}`;

/**
 * One taint spec without a trailing '-': `key`, `key:Effect`, `key=value:Effect` (kubectl
 * pkg/cmd/taint/utils.go parseTaint: one ':' at most, one '=' at most before it).
 */
function parseTaintSpec(spec: string, original: string): { key: string; value?: string; effect?: TaintEffect } {
  const parts = spec.split(':');
  if (parts.length > 2) throw usageError(`invalid taint spec: ${original}`);
  let effect: TaintEffect | undefined;
  let key = parts[0];
  let value: string | undefined;
  if (parts.length === 2) {
    if (!(TAINT_EFFECTS as readonly string[]).includes(parts[1])) {
      throw usageError(`invalid taint spec: ${original}, invalid taint effect: ${parts[1]}, unsupported taint effect (${EFFECTS_RULE})`);
    }
    effect = parts[1] as TaintEffect;
    const kv = parts[0].split('=');
    if (kv.length > 2) throw usageError(`invalid taint spec: ${original}`);
    key = kv[0];
    if (kv.length === 2) {
      value = kv[1];
      const bad = taintValueViolations(value);
      if (bad.length > 0) throw usageError(`invalid taint spec: ${original}, value ${bad.join('; ')}`);
    }
  }
  const bad = taintKeyViolations(key);
  if (bad.length > 0) throw usageError(`invalid taint spec: ${original}, key ${bad.join('; ')}`);
  return { key, value, effect };
}

/**
 * Parses kubectl taint changes into the API's TaintParams: `key=value:Effect` and `key:Effect`
 * add, `key:Effect-` (also `key=value:Effect-`, the value ignored) removes that effect, `key-`
 * removes every effect of the key. Adding needs an effect; a key+effect may be added once.
 * Messages follow kubectl (kubectl pkg/cmd/taint/utils.go ParseTaints) and name the argument.
 * @throws CliError (exit 2).
 */
export function parseTaintChanges(specs: readonly string[]): TaintParams {
  if (specs.length === 0) throw usageError('at least one taint update is required');
  const add: Taint[] = [];
  const remove: { key: string; effect?: TaintEffect }[] = [];
  for (const spec of specs) {
    if (spec.endsWith('-')) {
      const t = parseTaintSpec(spec.slice(0, -1), spec);
      if (!remove.some((r) => r.key === t.key && r.effect === t.effect)) remove.push(t.effect ? { key: t.key, effect: t.effect } : { key: t.key });
      continue;
    }
    const t = parseTaintSpec(spec, spec);
    if (!t.effect) throw usageError(`invalid taint spec: ${spec}, an effect is required to add a taint (key[=value]:Effect, effect ${EFFECTS_RULE})`);
    if (add.some((a) => a.key === t.key && a.effect === t.effect)) {
      throw usageError(`duplicated taints with the same key and effect: ${spec}`);
    }
    add.push(t.value !== undefined ? { key: t.key, value: t.value, effect: t.effect } : { key: t.key, effect: t.effect });
  }
  const both = add.find((a) => remove.some((r) => r.key === a.key && (r.effect === undefined || r.effect === a.effect)));
  if (both) throw usageError(`can not both add and remove taint ${both.key}:${both.effect} in the same command`);
  return { ...(add.length > 0 ? { add } : {}), ...(remove.length > 0 ? { remove } : {}) };
}

/** `knm taint NODE... CHANGE...`: node names and the parsed changes. @throws CliError (exit 2). */
export function parseTaintArgs(args: readonly string[]): { nodes: string[]; params: TaintParams } {
  const { nodes, changes } = splitNodesAndChanges(args, 'taint', isTaintChange);
  return { nodes, params: parseTaintChanges(changes) };
}
