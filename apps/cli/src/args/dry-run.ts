import { usageError } from '../exit-codes';

/**
 * Rewrites kubectl's `--dry-run=<strategy>` forms before commander sees them, so `--dry-run`
 * stays a plain flag and never swallows the next argument: `--dry-run=server` -> `--dry-run`,
 * `--dry-run=none` -> (dropped). Our API only runs server-side dry runs (`dryRun: true`), so
 * `client` is refused. Arguments after `--` are left alone.
 * @throws CliError (exit 2) for any other strategy, with kubectl's message.
 */
export function normalizeDryRunArgs(argv: readonly string[]): string[] {
  const out: string[] = [];
  let rest = false;
  for (const arg of argv) {
    if (rest || !arg.startsWith('--dry-run=')) {
      if (arg === '--') rest = true;
      out.push(arg);
      continue;
    }
    const strategy = arg.slice('--dry-run='.length);
    if (strategy === 'server') out.push('--dry-run');
    else if (strategy === 'none') continue;
    else if (strategy === 'client') throw usageError('--dry-run=client is not supported: knm runs dry runs on the server (--dry-run or --dry-run=server)');
    else throw usageError(`Invalid dry-run value (${strategy}). Must be "none" or "server".`);
  }
  return out;
}
