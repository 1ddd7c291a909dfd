import { msg, type I18nMessage } from './i18n-message';

/**
 * Kubernetes name rules as the contracts' validators (libs/contracts k8s-names.ts, mirroring
 * apimachinery) and the API word them, turned into translated messages. The English wording is
 * matched exactly; rule-text.spec.ts feeds every validator bad input and fails if a rule is not
 * recognised, so a rewording in the contracts shows up as a test failure, not as English text on a
 * Chinese page. Any other rule (a new server rule) is shown as the server wrote it.
 */

/** A rule a field broke, for form-level lists: the field path (null for the form itself) and the rule. */
export interface FieldRule {
  field: string | null;
  rule: I18nMessage;
}

const NAME_CHARS =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const SUBDOMAIN =
  "must be a lowercase RFC 1123 subdomain: lowercase alphanumeric characters, '-' or '.', starting and ending with an alphanumeric character";
const LABEL =
  "must be a lowercase RFC 1123 label: lowercase alphanumeric characters or '-', starting and ending with an alphanumeric character";
const MANY_SLASHES =
  "must be a name with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName'): more than one '/'";
const MAX_RE = /^must be no more than (\d+) characters$/;

/** A rule without a "prefix part"/"name part" qualifier. */
function plainRule(rule: string, part: 'prefix' | 'name' | null): I18nMessage | null {
  const max = MAX_RE.exec(rule);
  const on = part ?? 'value';
  if (rule === 'must not be empty') {
    return on === 'prefix' ? msg('rules.prefixEmpty') : on === 'name' ? msg('rules.nameEmpty') : msg('rules.empty');
  }
  if (max) {
    const p = { max: Number(max[1]) };
    return on === 'prefix' ? msg('rules.prefixTooLong', p) : on === 'name' ? msg('rules.nameTooLong', p) : msg('rules.tooLong', p);
  }
  if (rule === NAME_CHARS) return on === 'name' ? msg('rules.nameChars') : msg('rules.nameCharsValue');
  if (rule === `${NAME_CHARS} (or be empty)`) return msg('rules.nameCharsOrEmpty');
  if (rule === SUBDOMAIN) return on === 'prefix' ? msg('rules.prefixSubdomain') : msg('rules.subdomain');
  if (rule === LABEL) return msg('rules.dns1123Label');
  if (rule === MANY_SLASHES) return msg('rules.manySlashes');
  return null;
}

/** The translated message of a rule text from the contracts' validators or the API. */
export function ruleMessage(rule: string): I18nMessage {
  const part = /^(prefix|name) part (.+)$/.exec(rule);
  const known = part ? plainRule(part[2], part[1] as 'prefix' | 'name') : plainRule(rule, null);
  return known ?? msg('rules.asWritten', { rule });
}

/** {@link ruleMessage} for each rule. */
export function ruleMessages(rules: readonly string[]): I18nMessage[] {
  return rules.map(ruleMessage);
}
