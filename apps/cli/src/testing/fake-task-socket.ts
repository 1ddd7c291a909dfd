import type { SubscribeAck, TaskEvent, TaskSubscribeRequest } from '@knm/contracts';
import type { TaskSocket } from '../progress/task-socket';

/** A realtime socket driven by the test: connect, drop, deliver events; records subscriptions. */
export class FakeTaskSocket implements TaskSocket {
  readonly subscriptions: TaskSubscribeRequest[] = [];
  closed = false;
  ack: SubscribeAck = { ok: true };
  private connectListeners: (() => void)[] = [];
  private disconnectListeners: ((reason: string) => void)[] = [];
  private errorListeners: ((err: Error) => void)[] = [];
  private eventListeners: ((e: TaskEvent) => void)[] = [];

  onConnect(l: () => void): void {
    this.connectListeners.push(l);
  }
  onDisconnect(l: (reason: string) => void): void {
    this.disconnectListeners.push(l);
  }
  onConnectError(l: (err: Error) => void): void {
    this.errorListeners.push(l);
  }
  onTaskEvent(l: (e: TaskEvent) => void): void {
    this.eventListeners.push(l);
  }
  async subscribe(req: TaskSubscribeRequest): Promise<SubscribeAck> {
    this.subscriptions.push(req);
    return this.ack;
  }
  close(): void {
    this.closed = true;
  }

  connect(): void {
    this.connectListeners.forEach((l) => l());
  }
  drop(reason = 'transport close'): void {
    this.disconnectListeners.forEach((l) => l(reason));
  }
  fail(message: string): void {
    this.errorListeners.forEach((l) => l(new Error(message)));
  }
  deliver(...events: TaskEvent[]): void {
    for (const e of events) this.eventListeners.forEach((l) => l(e));
  }
}
