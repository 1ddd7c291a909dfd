import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { TranslocoPipe } from '@jsverse/transloco';
import { ApiRoutes, type TaskResponse } from '@knm/contracts';
import { firstValueFrom } from 'rxjs';
import { ApiClient } from '../../core/api/api-client.service';
import { toApiError, type ApiError } from '../../core/api/api-error';
import { msg, type I18nMessage } from '../../core/i18n/i18n-message';
import { I18nPipe } from '../../core/i18n/i18n.pipe';
import { ConfirmDialogComponent, type ConfirmDialogData } from '../dialogs/confirm-dialog.component';
import { ApiErrorPanelComponent } from '../errors/api-error-panel.component';
import { changeLineText, describeChange } from './task-change';
import { NODE_RESULT_TEXT, TASK_KIND_TEXT } from './task-labels';
import { finishedCount, percentDone, type NodeProgress, type ProgressPhase } from './task-progress.state';
import { TaskProgressTracker } from './task-progress.tracker';

const PHASE_TEXT: Readonly<Record<ProgressPhase, I18nMessage>> = {
  waiting: msg('progress.phase.waiting'),
  running: msg('progress.phase.running'),
  succeeded: msg('progress.phase.succeeded'),
  failed: msg('progress.phase.failed'),
  cancelled: msg('progress.phase.cancelled'),
};

/** A node row with its status in words and its change printed (null until the node succeeded). */
export interface NodeRowView extends NodeProgress {
  statusText: I18nMessage;
  changeLines: string[] | null;
}

/** Emitted once when a task's terminal event was applied. */
export interface TaskFinished {
  phase: ProgressPhase;
  /** The panel showed the task running before it ended (false when it opened on a finished task). */
  watchedRunning: boolean;
  /** The task was a dry run (nothing was changed). */
  dryRun: boolean;
  /** The task as read after its terminal event (null when that read failed). */
  task: TaskResponse | null;
}

/**
 * Progress of one batch task, docked on the page (not a modal, never closes by itself).
 * Claims an outcome only after the terminal event; until then it says what is still open.
 * Shows each node's change (before → after); for a dry run it says that nothing was changed.
 * Cancel asks for confirmation first. An unknown task shows "not found" and nothing else.
 * The node table's height is capped by `--knm-task-nodes-max-height` (default 240px).
 */
@Component({
  selector: 'knm-task-progress-panel',
  imports: [
    MatButtonModule, MatIconModule, MatProgressBarModule, MatTooltipModule, TranslocoPipe, I18nPipe, ApiErrorPanelComponent,
  ],
  providers: [TaskProgressTracker],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './task-progress-panel.component.html',
  styleUrl: './task-progress-panel.component.scss',
})
export class TaskProgressPanelComponent {
  private readonly api = inject(ApiClient);
  private readonly dialog = inject(MatDialog);
  protected readonly tracker = inject(TaskProgressTracker);

  readonly taskId = input.required<string>();
  /** The task as the host already read it (saves the panel a second read of the same task). */
  readonly snapshot = input<TaskResponse | null>(null);
  /** The user hid the panel. */
  readonly closed = output<void>();
  /** The terminal event arrived (emitted once per task). */
  readonly finished = output<TaskFinished>();
  /** "Retry failed" created a new task. */
  readonly retried = output<TaskResponse>();

  protected readonly state = this.tracker.state;
  protected readonly phase = this.tracker.phase;
  protected readonly counts = computed(() => this.state().counts);
  protected readonly finishedNodes = computed(() => finishedCount(this.counts()));
  protected readonly percent = computed(() => percentDone(this.counts()));
  protected readonly phaseText = computed(() => PHASE_TEXT[this.phase()]);
  /** All nodes done but the server has not confirmed the end yet: say so instead of "done". */
  protected readonly awaitingEnd = computed(
    () => !this.tracker.terminal() && this.counts().total > 0 && this.finishedNodes() === this.counts().total,
  );
  protected readonly actionError = signal<ApiError | null>(null);
  protected readonly busy = signal(false);
  protected readonly kindText = computed(() => {
    const kind = this.tracker.task()?.kind;
    return kind ? TASK_KIND_TEXT[kind] : null;
  });
  /** From the task snapshot: a dry run computes each node's change and saves nothing. */
  protected readonly dryRun = computed(() => this.tracker.task()?.dryRun === true);
  protected readonly rows = computed<NodeRowView[]>(() =>
    this.state().nodes.map((n) => ({
      ...n,
      statusText: NODE_RESULT_TEXT[n.status],
      changeLines: n.change ? describeChange(n.change.before, n.change.after).map(changeLineText) : null,
    })),
  );
  protected readonly showChanges = computed(() => this.dryRun() || this.rows().some((r) => r.changeLines !== null));
  /** Nodes whose change is not empty (what a dry run says would change). */
  protected readonly changedNodes = computed(() => this.rows().filter((r) => r.changeLines?.length).length);

  constructor() {
    effect(() => {
      const id = this.taskId();
      untracked(() => this.tracker.follow(id, this.snapshot()));
    });
    let reported = '';
    let runningSeen = '';
    effect(() => {
      const phase = this.phase();
      const id = this.state().taskId;
      if (phase === 'running') runningSeen = id;
      // Waits for the task snapshot too (or its load error), so the report knows whether it was a dry run.
      const task = this.tracker.task();
      const known = task?.id === id || this.tracker.error() !== null;
      if (this.tracker.terminal() && known && reported !== id) {
        reported = id;
        this.finished.emit({ phase, watchedRunning: runningSeen === id, dryRun: this.dryRun(), task: task?.id === id ? task : null });
      }
    });
  }

  /** Asks first: cancelling stops the nodes not started yet, for good. */
  protected async cancel(): Promise<void> {
    const data: ConfirmDialogData = {
      title: msg('progress.cancel.title'),
      message: msg('progress.cancel.message'),
      confirmLabel: msg('progress.cancel.confirm'),
      cancelLabel: msg('progress.cancel.keepRunning'),
      destructive: true,
    };
    const ref = this.dialog.open<ConfirmDialogComponent, ConfirmDialogData, boolean>(ConfirmDialogComponent, { data });
    if (!(await firstValueFrom(ref.afterClosed()))) return;
    await this.run(async () => {
      await this.api.post<TaskResponse>(ApiRoutes.taskCancel(this.taskId()));
      await this.tracker.catchUp();
    });
  }

  protected async retryFailed(): Promise<void> {
    await this.run(async () => this.retried.emit(await this.api.post<TaskResponse>(ApiRoutes.taskRetry(this.taskId()))));
  }

  private async run(action: () => Promise<void>): Promise<void> {
    this.busy.set(true);
    this.actionError.set(null);
    try {
      await action();
    } catch (err) {
      this.actionError.set(toApiError(err));
    } finally {
      this.busy.set(false);
    }
  }
}
