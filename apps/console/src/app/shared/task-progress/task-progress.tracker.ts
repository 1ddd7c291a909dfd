import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { ApiRoutes, type TaskEventsResponse, type TaskResponse } from '@knm/contracts';
import type { Subscription } from 'rxjs';
import { ApiClient } from '../../core/api/api-client.service';
import { toApiError, type ApiError } from '../../core/api/api-error';
import { isNotFound } from '../../core/api/api-error-text';
import { RealtimeService } from '../../core/realtime/realtime.service';
import {
  applyTaskEvent,
  applyTaskEvents,
  hasGap,
  initialTaskProgress,
  isTerminal,
  phaseOf,
  seedFromTask,
  type TaskProgressState,
} from './task-progress.state';

/** How often the tracker checks whether it must catch up over REST (ms). */
const CATCH_UP_CHECK_MS = 3_000;
/** With a live socket, catch up over REST only after this long without any event (ms). */
const QUIET_BEFORE_CATCH_UP_MS = 6_000;
/** Upper bound of event pages read in one catch-up. */
const MAX_CATCH_UP_PAGES = 50;

/**
 * Follows one task until its terminal event: `task:subscribe {taskId, afterSeq}` on the socket
 * (re-sent with the current last seq after every reconnect), plus REST catch-up
 * (`GET tasks/:id/events?afterSeq=`) when a gap shows, when the socket is down, or when it has
 * been quiet for a while. Delivery is never trusted as complete; the server's event log is.
 * It starts from the task snapshot (given, or read first): an unknown task ends in `notFound`
 * after that one 404, with nothing subscribed. One tracker per panel (provided by the component).
 */
@Injectable()
export class TaskProgressTracker {
  private readonly api = inject(ApiClient);
  private readonly realtime = inject(RealtimeService);
  private socketSub: Subscription | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private lastEventAt = 0;
  private catchingUp = false;

  readonly state = signal<TaskProgressState>(initialTaskProgress(''));
  readonly task = signal<TaskResponse | null>(null);
  readonly error = signal<ApiError | null>(null);
  /** The task does not exist (its snapshot answered 404): nothing is followed. */
  readonly notFound = signal(false);
  readonly phase = computed(() => phaseOf(this.state()));
  readonly terminal = computed(() => isTerminal(this.state()));

  constructor() {
    inject(DestroyRef).onDestroy(() => this.stop());
  }

  /**
   * Starts following `taskId` from scratch (replays from seq 0). With `snapshot` (the caller read the
   * task already) no second read is made; otherwise the task is read first and only an existing
   * task is subscribed to.
   */
  follow(taskId: string, snapshot: TaskResponse | null = null): void {
    this.stop();
    this.state.set(initialTaskProgress(taskId));
    this.task.set(null);
    this.error.set(null);
    this.notFound.set(false);
    this.lastEventAt = Date.now();
    if (snapshot?.id === taskId) {
      this.seed(snapshot);
      this.start(taskId);
      return;
    }
    void this.loadSnapshot(taskId).then(() => {
      if (this.state().taskId === taskId && !this.notFound()) this.start(taskId);
    });
  }

  private start(taskId: string): void {
    this.socketSub = this.realtime.watchTask(taskId, () => this.state().lastSeq).subscribe((message) => {
      if (message.kind === 'task') this.apply([message.event]);
      else if (message.ack && !message.ack.ok) void this.catchUp();
    });
    this.timer = setInterval(() => this.tick(), CATCH_UP_CHECK_MS);
    void this.catchUp();
  }

  /** Re-reads events after the last applied seq over REST. Safe to call any time. */
  async catchUp(): Promise<void> {
    const taskId = this.state().taskId;
    if (!taskId || this.catchingUp || this.terminal()) return;
    this.catchingUp = true;
    try {
      for (let i = 0; i < MAX_CATCH_UP_PAGES; i++) {
        const before = this.state().lastSeq;
        const res = await this.api.get<TaskEventsResponse>(ApiRoutes.taskEvents(taskId), { afterSeq: before });
        this.apply(res.items);
        const after = this.state().lastSeq;
        if (this.terminal() || after >= res.lastSeq || after === before) break;
      }
      this.error.set(null);
    } catch (err) {
      this.error.set(toApiError(err));
    } finally {
      this.catchingUp = false;
    }
  }

  /** Stops listening (the task itself keeps running on the server). */
  stop(): void {
    this.socketSub?.unsubscribe();
    this.socketSub = null;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private apply(events: TaskProgressState['ahead']): void {
    if (!events.length) return;
    const before = this.state();
    const next = events.length === 1 ? applyTaskEvent(before, events[0]) : applyTaskEvents(before, events);
    if (next === before) return;
    this.lastEventAt = Date.now();
    this.state.set(next);
    if (isTerminal(next)) {
      this.stop();
      void this.loadSnapshot(next.taskId);
    } else if (hasGap(next)) {
      void this.catchUp();
    }
  }

  private tick(): void {
    const quiet = Date.now() - this.lastEventAt > QUIET_BEFORE_CATCH_UP_MS;
    if (this.realtime.state() !== 'connected' || quiet || hasGap(this.state())) void this.catchUp();
    if (!this.task()) void this.loadSnapshot(this.state().taskId);
  }

  private seed(task: TaskResponse): void {
    this.task.set(task);
    this.state.update((s) => seedFromTask(s, task));
  }

  private async loadSnapshot(taskId: string): Promise<void> {
    try {
      const task = await this.api.get<TaskResponse>(ApiRoutes.task(taskId));
      if (this.state().taskId !== taskId) return;
      this.seed(task);
    } catch (err) {
      if (this.state().taskId !== taskId) return;
      const error = toApiError(err);
      this.error.set(error);
      if (isNotFound(error, ['id'])) {
        this.notFound.set(true);
        this.stop();
      }
    }
  }
}
