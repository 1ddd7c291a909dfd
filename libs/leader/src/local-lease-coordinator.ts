import { Injectable } from '@nestjs/common';
import { LeaseCoordinator, LeaseHandle } from './lease-coordinator';

/** Single-process coordinator: every lease is granted at once and held until released. */
@Injectable()
export class LocalLeaseCoordinator extends LeaseCoordinator {
  private nextToken = 1;

  hold(name: string, onAcquired: (lease: LeaseHandle) => void | Promise<void>): () => Promise<void> {
    const controller = new AbortController();
    const handle: LeaseHandle = {
      name,
      token: this.nextToken++,
      signal: controller.signal,
      guard: async () => {
        if (controller.signal.aborted) throw new Error(`lease ${name} released`);
      },
    };
    void Promise.resolve(onAcquired(handle));
    return async () => controller.abort();
  }
}
