/**
 * Error codes carried by every error response `{code, message, details?}`.
 * The API maps each code to one HTTP status (see {@link ErrorHttpStatus}).
 */
export const ErrorCode = {
  ValidationFailed: 'VALIDATION_FAILED',
  InvalidSelector: 'INVALID_SELECTOR',
  NotFound: 'NOT_FOUND',
  ClusterNotFound: 'CLUSTER_NOT_FOUND',
  ClusterExists: 'CLUSTER_EXISTS',
  NodeNotFound: 'NODE_NOT_FOUND',
  TaskNotFound: 'TASK_NOT_FOUND',
  InvalidKubeconfig: 'INVALID_KUBECONFIG',
  ClusterUnreachable: 'CLUSTER_UNREACHABLE',
  /** The cluster's API server resolves to an address the server must not connect to (link-local, cloud metadata, a deny rule). */
  ClusterAddressRefused: 'CLUSTER_ADDRESS_REFUSED',
  /** The kubeconfig's exec credential plugin failed, timed out or printed no usable ExecCredential. */
  ClusterCredentialsFailed: 'CLUSTER_CREDENTIALS_FAILED',
  NodeClaimed: 'NODE_CLAIMED',
  TaskNotCancellable: 'TASK_NOT_CANCELLABLE',
  TaskNotRetryable: 'TASK_NOT_RETRYABLE',
  /** A socket is already in as many rooms as AppConfig.socketMaxRooms allows. */
  TooManySubscriptions: 'TOO_MANY_SUBSCRIPTIONS',
  /** A socket sent more events than AppConfig.socketMaxEventsPerSecond allows. */
  RateLimited: 'RATE_LIMITED',
  Unauthorized: 'UNAUTHORIZED',
  Forbidden: 'FORBIDDEN',
  Internal: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** HTTP status for each error code. */
export const ErrorHttpStatus: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  INVALID_SELECTOR: 400,
  INVALID_KUBECONFIG: 400,
  NOT_FOUND: 404,
  CLUSTER_NOT_FOUND: 404,
  NODE_NOT_FOUND: 404,
  TASK_NOT_FOUND: 404,
  CLUSTER_EXISTS: 409,
  NODE_CLAIMED: 409,
  TASK_NOT_CANCELLABLE: 409,
  TASK_NOT_RETRYABLE: 409,
  CLUSTER_UNREACHABLE: 422,
  CLUSTER_ADDRESS_REFUSED: 422,
  CLUSTER_CREDENTIALS_FAILED: 422,
  TOO_MANY_SUBSCRIPTIONS: 429,
  RATE_LIMITED: 429,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  INTERNAL: 500,
};

/** One rule a field broke: `field` is a JSON path such as `params.set["app/x"]` or `nodes[3]`. */
export interface FieldViolation {
  field: string;
  rule: string;
}

/** Body of every error response. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: { violations?: FieldViolation[]; [key: string]: unknown };
}
