import { Directive, output } from '@angular/core';

/** Where Enter keeps its own meaning: new line, activating a button or link, opening a select. */
const ENTER_OWNERS =
  'textarea, button, a[href], select, [role="combobox"], [role="listbox"], [role="option"], input[type="checkbox"], input[type="radio"]';

/**
 * Enter submits a dialog: `<mat-dialog-content (knmEnterSubmit)="onEnter()">`. Emits for Enter in
 * a text field (Ctrl/Cmd+Enter anywhere, also in a textarea), never while an input method is
 * composing (Enter then picks a Chinese candidate, it must not submit), and prevents the browser's
 * own implicit form submission so a form submits once. The handler decides whether the form is
 * valid enough to submit.
 */
@Directive({
  selector: '[knmEnterSubmit]',
  host: { '(keydown.enter)': 'onEnter($event)' },
})
export class EnterSubmitDirective {
  readonly knmEnterSubmit = output<void>();

  protected onEnter(event: Event): void {
    const e = event as KeyboardEvent;
    if (e.isComposing || e.keyCode === 229 || e.shiftKey || e.altKey) return;
    const target = e.target instanceof Element ? e.target : null;
    if (!(e.ctrlKey || e.metaKey) && target?.closest(ENTER_OWNERS)) return;
    e.preventDefault();
    this.knmEnterSubmit.emit();
  }
}
