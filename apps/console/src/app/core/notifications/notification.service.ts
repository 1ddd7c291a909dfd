import { Injectable, inject } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import type { ApiError } from '../api/api-error';

/** Short, non-blocking messages (Material snackbar). Errors stay until dismissed. */
@Injectable({ providedIn: 'root' })
export class NotificationService {
  private readonly snackBar = inject(MatSnackBar);

  info(message: string): void {
    this.snackBar.open(message, 'OK', { duration: 4_000, panelClass: 'knm-snack-info' });
  }

  error(error: ApiError | string): void {
    const text = typeof error === 'string' ? error : `${error.message} (${error.code})`;
    this.snackBar.open(text, 'Dismiss', { panelClass: 'knm-snack-error' });
  }
}
