import { usageError } from '../exit-codes';

/** kubectl's resource type words for nodes; accepted (and skipped) as the first argument. */
const NODE_TYPE_WORDS = new Set(['node', 'nodes', 'no']);

/**
 * Splits `NODE... CHANGE...` the way kubectl does: every argument up to the first change is a
 * node, every argument from it on must be a change (`isChange`); a node after a change is an
 * error. The node arguments are returned as given (see {@link nodeNames}).
 * Mirrors kubectl's GetResourcesAndPairs (kubectl pkg/cmd/util/helpers.go) and taint's argument split.
 * @throws CliError (exit 2) `all resources must be specified before <what> changes: <arg>`.
 */
export function splitNodesAndChanges(args: readonly string[], what: string, isChange: (arg: string) => boolean): { nodes: string[]; changes: string[] } {
  const nodes: string[] = [];
  const changes: string[] = [];
  for (const arg of args) {
    if (isChange(arg)) changes.push(arg);
    else if (changes.length > 0) throw usageError(`all resources must be specified before ${what} changes: ${arg}`);
    else nodes.push(arg);
  }
  return { nodes, changes };
}

/**
 * Node names from node arguments, accepting kubectl habits: a leading `nodes` (or `node`, `no`),
 * kubectl's resource type, is dropped when names follow or a selector is given
 * (`knm label nodes n1 a=b`, `knm label nodes -l x=y a=b`); `node/NAME` becomes `NAME`.
 */
export function nodeNames(args: readonly string[], selectorGiven: boolean): string[] {
  const typeFirst = args.length > 0 && NODE_TYPE_WORDS.has(args[0]) && (args.length > 1 || selectorGiven);
  const list = typeFirst ? args.slice(1) : [...args];
  return list.map((a) => {
    const slash = a.indexOf('/');
    if (slash > 0 && NODE_TYPE_WORDS.has(a.slice(0, slash))) return a.slice(slash + 1);
    return a;
  });
}

/** Exactly one of node names or a label selector; both or neither is a usage error. */
export function requireTargets(nodes: readonly string[], selector: string | undefined): { nodes?: string[]; selector?: string } {
  if (nodes.length > 0 && selector !== undefined) throw usageError('name nodes or give a label selector (-l), not both');
  if (selector !== undefined) {
    if (selector.trim() === '') throw usageError('-l/--selector must not be empty');
    return { selector };
  }
  if (nodes.length === 0) throw usageError('at least one node name or a label selector (-l) is required');
  const seen = new Set<string>();
  for (const n of nodes) {
    if (seen.has(n)) throw usageError(`node ${n} is named twice`);
    seen.add(n);
  }
  return { nodes: [...nodes] };
}
