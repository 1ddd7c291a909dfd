import { applyPatch, JsonPatchError, type Operation } from 'fast-json-patch';
import { ApiError, badRequest } from '../api/status';
import type { JsonValue } from '../api/types';

const OPS = new Set(['add', 'remove', 'replace', 'move', 'copy', 'test']);

/**
 * Applies a JSON Patch (RFC 6902, `application/json-patch+json`) without mutating `target`.
 * Mirrors apiserver's handling (staging/src/k8s.io/apiserver/pkg/endpoints/handlers/patch.go):
 * an undecodable patch is 400 BadRequest; an operation that fails to apply, including a failed
 * `test`, is 422 Invalid "the server rejected our request due to an error in our request".
 * @throws ApiError (400 or 422).
 */
export function applyJsonPatch(target: JsonValue, patch: JsonValue): JsonValue {
  if (!Array.isArray(patch) || patch.some((op) => typeof op !== 'object' || op === null || Array.isArray(op) || !OPS.has(String(op.op)))) {
    throw badRequest('the server rejected our request due to an error in our request: json: cannot unmarshal patch: expected an array of operations');
  }
  try {
    return applyPatch(target, patch as unknown as Operation[], true, false).newDocument;
  } catch (err) {
    const detail = err instanceof JsonPatchError ? describe(err) : String(err);
    throw new ApiError(422, 'Invalid', 'the server rejected our request due to an error in our request', {
      causes: [{ reason: 'UnexpectedServerResponse', message: detail }],
    });
  }
}

function describe(err: JsonPatchError): string {
  const op = err.operation as { op?: string; path?: string } | undefined;
  if (err.name === 'TEST_OPERATION_FAILED') return `testing value ${op?.path ?? ''} failed: test failed`;
  return `${op?.op ?? 'operation'} ${op?.path ?? ''}: ${err.message.split('\n')[0]}`;
}
