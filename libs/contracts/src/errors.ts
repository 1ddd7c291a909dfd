import { z } from 'zod';

/**
 * Error codes carried by every error response `{code, message, details?}`. The API maps each code
 * to one HTTP status (see {@link ErrorHttpStatus}); docs/api-errors.md says when each is used.
 */
export const ErrorCode = {
  /** 400: a field broke a rule; `details.violations` names each field and rule. */
  ValidationFailed: 'VALIDATION_FAILED',
  /** 400: the request body is not valid JSON; `details.violations[0]` has the position. */
  MalformedJson: 'MALFORMED_JSON',
  InvalidSelector: 'INVALID_SELECTOR',
  InvalidKubeconfig: 'INVALID_KUBECONFIG',
  /** 400: a request the framework refused for a reason without a more specific code. */
  BadRequest: 'BAD_REQUEST',
  Unauthorized: 'UNAUTHORIZED',
  Forbidden: 'FORBIDDEN',
  /** 403: a browser request from an origin that is neither the API's own nor in KNM_CORS_ORIGINS. */
  OriginNotAllowed: 'ORIGIN_NOT_ALLOWED',
  NotFound: 'NOT_FOUND',
  /** 404: no route for this method and path. */
  RouteNotFound: 'ROUTE_NOT_FOUND',
  ClusterNotFound: 'CLUSTER_NOT_FOUND',
  NodeNotFound: 'NODE_NOT_FOUND',
  TaskNotFound: 'TASK_NOT_FOUND',
  /** 422: the cluster's API server resolves to an address the server must not connect to (link-local, cloud metadata, a deny rule). */
  ClusterAddressRefused: 'CLUSTER_ADDRESS_REFUSED',
  /** 422: the kubeconfig's exec credential plugin failed, timed out or printed no usable ExecCredential. */
  ClusterCredentialsFailed: 'CLUSTER_CREDENTIALS_FAILED',
  /** 429: a socket is already in as many rooms as AppConfig.socketMaxRooms allows. */
  TooManySubscriptions: 'TOO_MANY_SUBSCRIPTIONS',
  /** 429: a socket sent more events than AppConfig.socketMaxEventsPerSecond allows. */
  RateLimited: 'RATE_LIMITED',
  /** 405: the path exists, the method does not. */
  MethodNotAllowed: 'METHOD_NOT_ALLOWED',
  ClusterExists: 'CLUSTER_EXISTS',
  NodeClaimed: 'NODE_CLAIMED',
  TaskNotCancellable: 'TASK_NOT_CANCELLABLE',
  TaskNotRetryable: 'TASK_NOT_RETRYABLE',
  /** 413: the request body is larger than the API's body limit (details.limitBytes). */
  PayloadTooLarge: 'PAYLOAD_TOO_LARGE',
  /** 415: a mutating request whose body is not `application/json` (UTF-8, not compressed). */
  UnsupportedMediaType: 'UNSUPPORTED_MEDIA_TYPE',
  ClusterUnreachable: 'CLUSTER_UNREACHABLE',
  /** 429: too many requests from this caller (e.g. failed sign-ins); the `Retry-After` header says when to try again. */
  TooManyRequests: 'TOO_MANY_REQUESTS',
  Internal: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** HTTP status for each error code. */
export const ErrorHttpStatus: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  INVALID_SELECTOR: 400,
  INVALID_KUBECONFIG: 400,
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  ORIGIN_NOT_ALLOWED: 403,
  NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  CLUSTER_NOT_FOUND: 404,
  NODE_NOT_FOUND: 404,
  TASK_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CLUSTER_EXISTS: 409,
  NODE_CLAIMED: 409,
  TASK_NOT_CANCELLABLE: 409,
  TASK_NOT_RETRYABLE: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  CLUSTER_UNREACHABLE: 422,
  CLUSTER_ADDRESS_REFUSED: 422,
  CLUSTER_CREDENTIALS_FAILED: 422,
  TOO_MANY_SUBSCRIPTIONS: 429,
  RATE_LIMITED: 429,
  TOO_MANY_REQUESTS: 429,
  INTERNAL: 500,
};

const ERROR_CODES = Object.values(ErrorCode) as [ErrorCode, ...ErrorCode[]];

/**
 * One rule a field broke. `field` is a JSON path into the body (`params.set["app/x"]`,
 * `nodes[3]`), a path or query parameter name (`cluster`, `limit`), `body` for the body as a whole,
 * or `headers.<name>` for a request header.
 */
export const fieldViolationSchema = z.object({ field: z.string(), rule: z.string() });
export type FieldViolation = z.output<typeof fieldViolationSchema>;

/** Body of every error response. */
export const errorBodySchema = z
  .object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    details: z.object({ violations: z.array(fieldViolationSchema).optional() }).catchall(z.unknown()).optional(),
  })
  .meta({ title: 'ErrorBody' });
export type ErrorBody = z.output<typeof errorBodySchema>;
