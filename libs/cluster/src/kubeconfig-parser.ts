import { join } from 'node:path';
import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { BoundedWorker, WorkerJobError } from './bounded-worker';
import { InvalidKubeconfigError, resolveKubeconfig, unwrapResolved } from './kubeconfig';
import type { ResolvedKubeconfig, ResolveOptions, ResolveOutcome } from './kubeconfig-resolve';

/** Time one kubeconfig may take to parse and resolve, queueing included, ms. A large real kubeconfig takes well under 200 ms. */
export const KUBECONFIG_PARSE_TIMEOUT_MS = 2_000;

/**
 * Resolves kubeconfig text given to the API (see resolveKubeconfigText).
 * @throws InvalidKubeconfigError (400) naming the field and rule, also when the text could not be
 *   parsed within the time or memory allowed.
 */
export abstract class KubeconfigParser {
  abstract resolve(text: string, opts: ResolveOptions, timeoutMs?: number): Promise<ResolvedKubeconfig>;
}

/** Resolves on the calling thread: for unit tests and small trusted text. */
export class InlineKubeconfigParser extends KubeconfigParser {
  override async resolve(text: string, opts: ResolveOptions): Promise<ResolvedKubeconfig> {
    return resolveKubeconfig(text, opts);
  }
}

/**
 * Resolves in a worker thread (kubeconfig-worker.js next to this file in the server build) with
 * a 64 MB heap and {@link KUBECONFIG_PARSE_TIMEOUT_MS}, so a hostile document (a million-item
 * flow sequence takes seconds to parse) never blocks the event loop.
 */
@Injectable()
export class WorkerKubeconfigParser extends KubeconfigParser implements OnModuleDestroy {
  private readonly worker = new BoundedWorker(join(__dirname, 'kubeconfig-worker.js'), { maxHeapMb: 64, stackMb: 4 });

  override async resolve(text: string, opts: ResolveOptions, timeoutMs = KUBECONFIG_PARSE_TIMEOUT_MS): Promise<ResolvedKubeconfig> {
    let outcome: ResolveOutcome;
    try {
      outcome = (await this.worker.run({ text, opts }, timeoutMs)) as ResolveOutcome;
    } catch (err) {
      const rule =
        err instanceof WorkerJobError && err.reason === 'timeout'
          ? `could not be parsed within ${timeoutMs} ms: too large or too complex`
          : 'could not be parsed within the memory allowed: too large or too complex';
      throw new InvalidKubeconfigError([{ field: opts.source, rule }]);
    }
    return unwrapResolved(outcome);
  }

  async onModuleDestroy(): Promise<void> {
    await this.worker.close();
  }
}
