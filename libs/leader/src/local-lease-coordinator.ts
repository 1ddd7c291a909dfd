import { Injectable } from '@nestjs/common';
import { LeaseCoordinator, LeaseHandle, LeaseLostError, LeaseStatus } from './lease-coordinator';

/** Single-process coordinator (embedded mode): every lease is granted at once and held until released. */
@Injectable()
export class LocalLeaseCoordinator extends LeaseCoordinator {
  private nextToken = 1;
  private readonly held = new Map<string, LeaseHandle>();

  hold(name: string, onAcquired: (lease: LeaseHandle) => void | Promise<void>): () => Promise<void> {
    const controller = new AbortController();
    const token = this.nextToken++;
    const handle: LeaseHandle = {
      name,
      token,
      signal: controller.signal,
      guard: async () => {
        if (controller.signal.aborted) throw new LeaseLostError(name, token);
      },
    };
    this.held.set(name, handle);
    void Promise.resolve(onAcquired(handle));
    return async () => {
      controller.abort();
      if (this.held.get(name) === handle) this.held.delete(name);
    };
  }

  override status(): LeaseStatus[] {
    return [...this.held.values()]
      .map((h) => ({ name: h.name, held: !h.signal.aborted, token: h.token }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }
}
