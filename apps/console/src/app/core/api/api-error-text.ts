import type { ErrorCode } from '@knm/contracts';
import { msg, type I18nMessage } from '../i18n/i18n-message';
import type { ApiError } from './api-error';

/**
 * What each error code means to the user, translated (a Record, so a new contracts code fails to
 * compile until it has a text). The server's own `message` is English detail shown under it.
 */
export const ERROR_CODE_TEXT: Readonly<Record<ErrorCode | 'NETWORK', I18nMessage>> = {
  VALIDATION_FAILED: msg('errors.code.validationFailed'),
  INVALID_SELECTOR: msg('errors.code.invalidSelector'),
  NOT_FOUND: msg('errors.code.notFound'),
  CLUSTER_NOT_FOUND: msg('errors.code.clusterNotFound'),
  CLUSTER_EXISTS: msg('errors.code.clusterExists'),
  NODE_NOT_FOUND: msg('errors.code.nodeNotFound'),
  TASK_NOT_FOUND: msg('errors.code.taskNotFound'),
  INVALID_KUBECONFIG: msg('errors.code.invalidKubeconfig'),
  CLUSTER_UNREACHABLE: msg('errors.code.clusterUnreachable'),
  NODE_CLAIMED: msg('errors.code.nodeClaimed'),
  TASK_NOT_CANCELLABLE: msg('errors.code.taskNotCancellable'),
  TASK_NOT_RETRYABLE: msg('errors.code.taskNotRetryable'),
  UNAUTHORIZED: msg('errors.code.unauthorized'),
  FORBIDDEN: msg('errors.code.forbidden'),
  MALFORMED_JSON: msg('errors.code.malformedJson'),
  BAD_REQUEST: msg('errors.code.badRequest'),
  ORIGIN_NOT_ALLOWED: msg('errors.code.originNotAllowed'),
  ROUTE_NOT_FOUND: msg('errors.code.routeNotFound'),
  METHOD_NOT_ALLOWED: msg('errors.code.methodNotAllowed'),
  PAYLOAD_TOO_LARGE: msg('errors.code.payloadTooLarge'),
  UNSUPPORTED_MEDIA_TYPE: msg('errors.code.unsupportedMediaType'),
  CLUSTER_ADDRESS_REFUSED: msg('errors.code.clusterAddressRefused'),
  CLUSTER_CREDENTIALS_FAILED: msg('errors.code.clusterCredentialsFailed'),
  TOO_MANY_SUBSCRIPTIONS: msg('errors.code.tooManySubscriptions'),
  RATE_LIMITED: msg('errors.code.rateLimited'),
  TOO_MANY_REQUESTS: msg('errors.code.tooManyRequests'),
  INTERNAL: msg('errors.code.internal'),
  NETWORK: msg('errors.code.network'),
};

/** The translated headline of an error. */
export function errorHeadline(error: Pick<ApiError, 'code'>): I18nMessage {
  return ERROR_CODE_TEXT[error.code];
}

/**
 * True for "this thing does not exist" answers: a 404 with any not-found code, or a 400 whose only
 * faults are the route's path parameters `pathParams` (the API names a path parameter by its name:
 * a task id that is not a UUID, a cluster name that is not a DNS label). No such thing can exist,
 * so the page says "not found" rather than "invalid request".
 */
export function isNotFound(error: Pick<ApiError, 'status' | 'violations'> | null | undefined, pathParams: readonly string[] = []): boolean {
  if (error?.status === 404) return true;
  return error?.status === 400 && error.violations.length > 0 && error.violations.every((v) => pathParams.includes(v.field));
}
