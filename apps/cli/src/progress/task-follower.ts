import { ApiRoutes, ErrorCode, type TaskEvent, type TaskEventsResponse } from '@knm/contracts';
import { CliError, ExitCode } from '../exit-codes';
import type { CliClock } from '../output';
import type { ApiClient } from '../http/api-client';
import { ApiRequestError } from '../http/api-error';
import { TaskEventSequencer } from './task-event-sequencer';
import type { TaskSocket } from './task-socket';

/** Timings of following a task, ms. */
export interface FollowTimings {
  /** Socket down (or never up) this long -> follow over REST until it is back. */
  fallbackAfterMs: number;
  /** REST poll interval while the socket is down. */
  pollIntervalMs: number;
  /** Subscribed but silent this long -> one REST catch-up (a lost notification costs at most this). */
  stallAfterMs: number;
  /** Neither the socket nor REST reached the server for this long -> give up (exit 3). */
  giveUpAfterMs: number;
}

export const DEFAULT_FOLLOW_TIMINGS: FollowTimings = { fallbackAfterMs: 3_000, pollIntervalMs: 1_000, stallAfterMs: 10_000, giveUpAfterMs: 120_000 };

const SUBSCRIBE_ACK_TIMEOUT_MS = 10_000;
const EVENTS_PAGE = 1000;

/** What the follower reports to its view. */
export interface FollowListener {
  event(event: TaskEvent): void;
  notice(message: string): void;
}

/**
 * Follows one task to its terminal event over the realtime socket, and survives the network:
 * every (re)connect subscribes with the last seq applied, so the server replays exactly what was
 * missed; while the socket is down longer than `fallbackAfterMs` (or a hole in seq shows, or it
 * stays silent for `stallAfterMs`) the events come from `GET /tasks/:id/events?afterSeq=` instead.
 * Both channels feed one {@link TaskEventSequencer}, so every event reaches the listener once, in order.
 */
export class TaskFollower {
  private readonly seq: TaskEventSequencer;
  private subscribed = false;
  /** Bumped at every connect and disconnect: an ack that comes back for an older connection is ignored. */
  private connection = 0;
  private downSince: number;
  private lastEventAt: number;
  private lastReachAt: number;
  private wasDown = false;
  private restNoticed = false;
  private polling = false;
  private timer: NodeJS.Timeout | undefined;
  private settle: { resolve: (e: TaskEvent) => void; reject: (err: Error) => void } | undefined;

  constructor(
    private readonly api: ApiClient,
    private readonly socket: TaskSocket,
    readonly taskId: string,
    private readonly listener: FollowListener,
    private readonly clock: CliClock,
    private readonly timings: FollowTimings = DEFAULT_FOLLOW_TIMINGS,
    afterSeq = 0,
  ) {
    this.seq = new TaskEventSequencer(taskId, afterSeq);
    this.downSince = this.lastEventAt = this.lastReachAt = clock.now();
  }

  /** Resolves with the terminal event; rejects with CliError (task gone, auth refused, server lost). */
  follow(): Promise<TaskEvent> {
    return new Promise<TaskEvent>((resolve, reject) => {
      this.settle = { resolve, reject };
      this.socket.onConnect(() => void this.subscribe());
      this.socket.onDisconnect((reason) => this.disconnected(reason));
      this.socket.onConnectError((err) => this.connectFailed(err));
      this.socket.onTaskEvent((e) => this.apply([e]));
      this.timer = setInterval(() => this.tick(), this.timings.pollIntervalMs);
    });
  }

  /** Stops following (Ctrl-C): closes the socket and timers; the task goes on on the server. */
  stop(): void {
    this.settle = undefined;
    clearInterval(this.timer);
    this.socket.close();
  }

  private async subscribe(): Promise<void> {
    this.lastReachAt = this.clock.now();
    const connection = ++this.connection;
    const afterSeq = this.seq.lastSeq;
    let ack;
    try {
      ack = await this.socket.subscribe({ taskId: this.taskId, afterSeq }, SUBSCRIBE_ACK_TIMEOUT_MS);
    } catch {
      if (this.settle && connection === this.connection) this.listener.notice('the socket did not acknowledge the subscription; following over REST meanwhile');
      return;
    }
    if (!this.settle || connection !== this.connection) return;
    if (!ack.ok) {
      if (ack.code === ErrorCode.TaskNotFound) return this.fail(new CliError(`task ${this.taskId} not found`, ExitCode.Failed));
      if (ack.code === ErrorCode.Unauthorized || ack.code === ErrorCode.Forbidden) return this.fail(new CliError(`the server refused the task subscription: ${ack.message}`, ExitCode.Unreachable));
      return this.listener.notice(`subscription refused (${ack.code}: ${ack.message}); following over REST meanwhile`);
    }
    this.subscribed = true;
    this.lastEventAt = this.clock.now();
    if (this.wasDown) this.listener.notice(`reconnected; resubscribed to task ${this.taskId} after seq ${afterSeq}`);
    this.wasDown = false;
    this.restNoticed = false;
  }

  private disconnected(reason: string): void {
    if (!this.settle) return;
    this.connection++;
    this.subscribed = false;
    this.wasDown = true;
    this.downSince = this.clock.now();
    this.listener.notice(`connection to the server lost (${reason}); reconnecting`);
  }

  private connectFailed(err: Error): void {
    if (this.settle && !this.wasDown) {
      this.wasDown = true;
      this.listener.notice(`cannot open the realtime socket (${err.message}); retrying`);
    }
  }

  private apply(events: TaskEvent[]): void {
    for (const e of events) {
      for (const ready of this.seq.accept(e)) {
        this.lastEventAt = this.clock.now();
        this.listener.event(ready);
      }
    }
    const end = this.seq.terminal;
    if (end && this.settle) {
      const { resolve } = this.settle;
      this.stop();
      resolve(end);
    } else if (this.seq.hasGap) void this.poll();
  }

  private tick(): void {
    const now = this.clock.now();
    if (!this.subscribed && now - this.downSince >= this.timings.fallbackAfterMs) {
      if (!this.restNoticed) this.listener.notice(`the socket is not back after ${Math.round((now - this.downSince) / 1000)} s; following task ${this.taskId} over REST`);
      this.restNoticed = true;
      void this.poll();
    } else if (this.subscribed && now - this.lastEventAt >= this.timings.stallAfterMs) {
      this.lastEventAt = now;
      void this.poll();
    }
    if (now - this.lastReachAt >= this.timings.giveUpAfterMs) {
      this.fail(new CliError(`lost the server for ${Math.round(this.timings.giveUpAfterMs / 1000)} s; task ${this.taskId} goes on there (knm tasks get ${this.taskId} --wait)`, ExitCode.Unreachable));
    }
  }

  /** Reads events after the last applied seq over REST, page by page, up to the task's last seq at the time of asking. */
  private async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      while (this.settle) {
        const page = await this.api.get<TaskEventsResponse>(ApiRoutes.taskEvents(this.taskId), { afterSeq: this.seq.lastSeq, limit: EVENTS_PAGE });
        this.lastReachAt = this.clock.now();
        this.apply(page.items);
        if (page.items.length === 0 || this.seq.lastSeq >= page.lastSeq) break;
      }
    } catch (err) {
      if (err instanceof ApiRequestError) this.fail(err);
      // else unreachable: the next tick tries again, until giveUpAfterMs
    } finally {
      this.polling = false;
    }
    // A hole that showed while this poll was under way: look again shortly.
    if (this.settle && this.seq.hasGap) setTimeout(() => void this.poll(), this.timings.pollIntervalMs);
  }

  private fail(err: Error): void {
    const settle = this.settle;
    if (!settle) return;
    this.stop();
    settle.reject(err);
  }
}
