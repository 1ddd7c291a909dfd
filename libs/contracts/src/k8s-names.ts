/**
 * Kubernetes name rules, mirroring k8s.io/apimachinery/pkg/util/validation (validation.go):
 * IsQualifiedName (label and taint keys), IsValidLabelValue, IsDNS1123Subdomain, IsDNS1123Label.
 * Each function returns the rules the input breaks (empty = valid); nothing is ever rewritten to fit.
 */

const QUALIFIED_NAME_MAX = 63;
const LABEL_VALUE_MAX = 63;
const DNS1123_SUBDOMAIN_MAX = 253;
const DNS1123_LABEL_MAX = 63;

const qualifiedNameRe = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const labelValueRe = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const dns1123LabelRe = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const dns1123SubdomainRe = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

const NAME_CHARS_RULE =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

/** DNS-1123 subdomain: lowercase alphanumerics, '-' and '.', start/end alphanumeric, <= 253 characters. */
export function dns1123SubdomainViolations(value: string): string[] {
  const out: string[] = [];
  if (value.length === 0) out.push('must not be empty');
  if (value.length > DNS1123_SUBDOMAIN_MAX) out.push(`must be no more than ${DNS1123_SUBDOMAIN_MAX} characters`);
  if (value.length > 0 && !dns1123SubdomainRe.test(value)) {
    out.push(
      "must be a lowercase RFC 1123 subdomain: lowercase alphanumeric characters, '-' or '.', starting and ending with an alphanumeric character",
    );
  }
  return out;
}

/** DNS-1123 label: lowercase alphanumerics and '-', start/end alphanumeric, <= 63 characters. */
export function dns1123LabelViolations(value: string): string[] {
  const out: string[] = [];
  if (value.length === 0) out.push('must not be empty');
  if (value.length > DNS1123_LABEL_MAX) out.push(`must be no more than ${DNS1123_LABEL_MAX} characters`);
  if (value.length > 0 && !dns1123LabelRe.test(value)) {
    out.push(
      "must be a lowercase RFC 1123 label: lowercase alphanumeric characters or '-', starting and ending with an alphanumeric character",
    );
  }
  return out;
}

/** Qualified name (label key, taint key, annotation key): `[prefix/]name`. */
export function qualifiedNameViolations(key: string): string[] {
  const parts = key.split('/');
  let name: string;
  const out: string[] = [];
  if (parts.length === 1) {
    name = parts[0];
  } else if (parts.length === 2) {
    const [prefix, n] = parts;
    name = n;
    if (prefix.length === 0) out.push('prefix part must not be empty');
    else out.push(...dns1123SubdomainViolations(prefix).map((r) => `prefix part ${r}`));
  } else {
    return [`must be a name with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName'): more than one '/'`];
  }
  if (name.length === 0) out.push('name part must not be empty');
  else {
    if (name.length > QUALIFIED_NAME_MAX) out.push(`name part must be no more than ${QUALIFIED_NAME_MAX} characters`);
    if (!qualifiedNameRe.test(name)) out.push(`name part ${NAME_CHARS_RULE}`);
  }
  return out;
}

/** Label value (also taint value): empty, or <= 63 characters of the name charset. */
export function labelValueViolations(value: string): string[] {
  const out: string[] = [];
  if (value.length > LABEL_VALUE_MAX) out.push(`must be no more than ${LABEL_VALUE_MAX} characters`);
  if (!labelValueRe.test(value)) out.push(`${NAME_CHARS_RULE} (or be empty)`);
  return out;
}

export const labelKeyViolations = qualifiedNameViolations;
export const taintKeyViolations = qualifiedNameViolations;
export const taintValueViolations = labelValueViolations;
