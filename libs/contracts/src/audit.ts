/**
 * Audit log shapes, after Kubernetes' `audit.k8s.io/v1` Event (auditID, verb, user, sourceIPs,
 * userAgent, objectRef, responseStatus, requestReceivedTimestamp, stageTimestamp) plus the request
 * id, product-level action, details and the hash chain. Timestamps are RFC 3339 UTC with ms.
 */

/** One entry of the tamper-evident audit log. Never carries a secret. */
export interface AuditEntry {
  /** Position in the chain, 1-based, gapless. */
  id: number;
  /** UUID of the entry. */
  auditID: string;
  stage: 'ResponseComplete';
  /** create | update | delete | login | logout | refresh | cancel | retry | end ... */
  verb: string;
  /** Dotted product action, e.g. `cluster.register`, `task.create`, `auth.login-failed`, `task.end`. */
  action: string;
  /** `anonymous` for unauthenticated callers; `system` for entries the server writes itself (a task's end). */
  user: { username: string; groups: string[] };
  sourceIPs: string[];
  userAgent: string | null;
  objectRef: { resource: string; name?: string; cluster?: string; subresource?: string } | null;
  /** HTTP status of the answer, and the error code when it was an error. */
  responseStatus: { code: number; reason?: string };
  requestReceivedTimestamp: string;
  stageTimestamp: string;
  requestId: string | null;
  /** Action-specific facts: task kind, node count, per-node outcome summary, ... */
  details: Record<string, unknown> | null;
  /** Hex SHA-256 of the previous entry (64 zeros for the first entry after a checkpoint). */
  prevHash: string;
  /** Hex SHA-256 over the canonical JSON of every other field. */
  hash: string;
}

/** `success` = 2xx/3xx answer; `failure` = 4xx/5xx. */
export type AuditOutcome = 'success' | 'failure';

/** `GET /audit` query. `page` is 1-based. */
export interface AuditQuery {
  actor?: string;
  action?: string;
  cluster?: string;
  outcome?: AuditOutcome;
  /** Inclusive lower bound, RFC 3339 with a zone. */
  from?: string;
  /** Exclusive upper bound, RFC 3339 with a zone. */
  to?: string;
  page?: number;
  limit?: number;
}

export interface AuditListResponse {
  items: AuditEntry[];
  total: number;
  page: number;
  limit: number;
}

/** `GET /audit/verify`. */
export interface AuditVerifyResponse {
  ok: boolean;
  /** Entries checked (from the last retention checkpoint). */
  entries: number;
  /** The first entry where the chain breaks, and how. */
  firstBroken?: { id: number; auditID: string | null; reason: 'changed' | 'removed' | 'inserted' };
  /** The retention checkpoint the walk started from, if entries were pruned. */
  checkpoint?: { id: number; hash: string; at: string } | null;
}

export type ExportFormat = 'csv' | 'jsonl';
