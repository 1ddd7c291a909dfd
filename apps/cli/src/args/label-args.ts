import { labelKeyViolations, labelValueViolations, type LabelParams } from '@knm/contracts';
import { usageError } from '../exit-codes';
import { splitNodesAndChanges } from './resource-args';

/** A label change argument: `key=value` (not starting with '=') or `key-` (not just '-'). kubectl GetResourcesAndPairs. */
export const isLabelChange = (arg: string): boolean => (arg.includes('=') && !arg.startsWith('=')) || (arg.endsWith('-') && arg !== '-');

/**
 * Parses kubectl label changes into the API's LabelParams: `key=value` sets, `key-` removes.
 * Keys and values follow Kubernetes' rules (libs/contracts k8s-names). Messages are kubectl's
 * (kubectl pkg/cmd/label/label.go parseLabels), each naming the argument:
 * `invalid label spec: a=b=c`, `invalid label value: "k=v@": ...`, `invalid label key: "a/b/c=x": ...`,
 * `can not both modify and remove a label in the same command`, `at least one label update is required`.
 * @throws CliError (exit 2).
 */
export function parseLabelChanges(specs: readonly string[]): LabelParams {
  if (specs.length === 0) throw usageError('at least one label update is required');
  const set: Record<string, string> = {};
  const remove: string[] = [];
  for (const spec of specs) {
    if (spec.includes('=')) {
      const parts = spec.split('=');
      if (parts.length !== 2) throw usageError(`invalid label spec: ${spec}`);
      const [key, value] = parts;
      checkKey(key, spec);
      const bad = labelValueViolations(value);
      if (bad.length > 0) throw usageError(`invalid label value: "${spec}": ${bad.join('; ')}`);
      set[key] = value;
    } else if (spec.endsWith('-')) {
      const key = spec.slice(0, -1);
      checkKey(key, spec);
      if (!remove.includes(key)) remove.push(key);
    } else throw usageError(`unknown label spec: ${spec}`);
  }
  if (remove.some((k) => k in set)) throw usageError('can not both modify and remove a label in the same command');
  return { ...(Object.keys(set).length > 0 ? { set } : {}), ...(remove.length > 0 ? { remove } : {}) };
}

function checkKey(key: string, spec: string): void {
  const bad = labelKeyViolations(key);
  if (bad.length > 0) throw usageError(`invalid label key: "${spec}": ${bad.join('; ')}`);
}

/** `knm label NODE... CHANGE...`: node names and the parsed changes. @throws CliError (exit 2). */
export function parseLabelArgs(args: readonly string[]): { nodes: string[]; params: LabelParams } {
  const { nodes, changes } = splitNodesAndChanges(args, 'label', isLabelChange);
  return { nodes, params: parseLabelChanges(changes) };
}
