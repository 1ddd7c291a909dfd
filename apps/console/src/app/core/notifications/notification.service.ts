import { DOCUMENT } from '@angular/common';
import { Injectable, inject } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import type { ApiError } from '../api/api-error';
import { errorHeadline } from '../api/api-error-text';
import type { I18nMessage } from '../i18n/i18n-message';
import { LanguageService } from '../i18n/language.service';

/**
 * Short, non-blocking messages (Material snackbar), translated when shown. Errors stay until
 * dismissed; `reloadPrompt` offers a page reload (used when a part of the console cannot be loaded).
 */
@Injectable({ providedIn: 'root' })
export class NotificationService {
  private readonly snackBar = inject(MatSnackBar);
  private readonly language = inject(LanguageService);
  private readonly document = inject(DOCUMENT);

  info(message: I18nMessage): void {
    this.snackBar.open(this.language.text(message), this.language.translate('common.ok'), {
      duration: 4_000,
      panelClass: 'knm-snack-info',
    });
  }

  /** An API error (its translated headline, then the server's detail) or a message. */
  error(error: ApiError | I18nMessage): void {
    const text = isApiError(error)
      ? `${this.language.text(errorHeadline(error))}${error.status ? ` ${error.message}` : ''} (${error.code})`
      : this.language.text(error);
    this.snackBar.open(text, this.language.translate('common.dismiss'), { panelClass: 'knm-snack-error' });
  }

  /** An error whose remedy is reloading the page (e.g. a part of the console failed to download). */
  reloadPrompt(message: I18nMessage): void {
    const ref = this.snackBar.open(this.language.text(message), this.language.translate('common.reload'), {
      panelClass: 'knm-snack-error',
    });
    ref.onAction().subscribe(() => this.document.location.reload());
  }
}

function isApiError(value: ApiError | I18nMessage): value is ApiError {
  return 'status' in value;
}
