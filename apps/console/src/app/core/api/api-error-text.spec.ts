import { ErrorCode } from '@knm/contracts';
import { ApiError } from './api-error';
import { isNotFound } from './api-error-text';

describe('isNotFound', () => {
  it('is true for a 404, whatever its code', () => {
    expect(isNotFound(new ApiError(ErrorCode.TaskNotFound, 'task x not found', 404))).toBe(true);
  });

  it('is true for a 400 whose only faults are path parameters (an id that cannot exist)', () => {
    const e = new ApiError(ErrorCode.ValidationFailed, 'id: must be a task id (UUID)', 400, [{ field: 'id', rule: 'must be a task id (UUID)' }]);
    expect(isNotFound(e, ['id'])).toBe(true);
    expect(isNotFound(e)).toBe(false);
  });

  it('is false for a 400 about the query or body, and for other errors', () => {
    const query = new ApiError(ErrorCode.ValidationFailed, 'limit: too big', 400, [{ field: 'limit', rule: 'too big' }]);
    const mixed = new ApiError(ErrorCode.ValidationFailed, 'x', 400, [{ field: 'id', rule: 'r' }, { field: 'kind', rule: 'r' }]);
    expect([isNotFound(query, ['id']), isNotFound(mixed, ['id']), isNotFound(new ApiError(ErrorCode.Internal, 'x', 500), ['id']), isNotFound(null)]).toEqual([false, false, false, false]);
  });
});
