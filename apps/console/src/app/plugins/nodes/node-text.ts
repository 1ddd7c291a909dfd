import type { NodeReadiness } from '@knm/contracts';
import { msg, type I18nMessage } from '../../core/i18n/i18n-message';

/** Readiness as operators say it (the API value stays in `data-readiness` and the filter URL). */
export const READINESS_TEXT: Readonly<Record<NodeReadiness, I18nMessage>> = {
  Ready: msg('nodes.readiness.ready'),
  NotReady: msg('nodes.readiness.notReady'),
  Unknown: msg('nodes.readiness.unknown'),
};
