import { ErrorCode, FieldViolation } from '@knm/contracts';
import { DomainError } from '@knm/common';
import { ResolvedKubeconfig, ResolveOptions, ResolveOutcome, resolveKubeconfigText } from './kubeconfig-resolve';

export type { ResolvedKubeconfig, ResolveOptions, ResolveOutcome } from './kubeconfig-resolve';
export type { ExecPlugin, SafeCluster, SafeUser } from './kubeconfig-sanitizer';

/**
 * 400 INVALID_KUBECONFIG: `details.violations` name each field (e.g. `kubeconfig.users[0].user.exec`)
 * and the rule it broke; `details.availableContexts` lists the contexts when the context was the problem.
 */
export class InvalidKubeconfigError extends DomainError {
  constructor(violations: FieldViolation[], availableContexts?: string[]) {
    super(ErrorCode.InvalidKubeconfig, `invalid kubeconfig: ${violations.map((v) => `${v.field}: ${v.rule}`).join('; ')}`, {
      violations,
      ...(availableContexts ? { availableContexts } : {}),
    });
  }
}

/** The resolved kubeconfig of an outcome. @throws InvalidKubeconfigError (400) for a refused one. */
export function unwrapResolved(outcome: ResolveOutcome): ResolvedKubeconfig {
  if (!outcome.ok) throw new InvalidKubeconfigError(outcome.violations, outcome.availableContexts);
  return outcome.resolved;
}

/**
 * Resolves kubeconfig text on the calling thread (see resolveKubeconfigText). Requests go through
 * {@link KubeconfigParser}, which runs this off the event loop; this form is for small trusted
 * text (stored kubeconfigs) and tests.
 * @throws InvalidKubeconfigError (400).
 */
export function resolveKubeconfig(text: string, opts: ResolveOptions): ResolvedKubeconfig {
  return unwrapResolved(resolveKubeconfigText(text, opts));
}
