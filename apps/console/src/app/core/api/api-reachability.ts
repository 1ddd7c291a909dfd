import { HttpErrorResponse, HttpEventType, type HttpInterceptorFn } from '@angular/common/http';
import { Injectable, inject, signal } from '@angular/core';
import { tap } from 'rxjs';

/** Statuses a gateway answers when the API behind it is down. */
const GATEWAY_DOWN = new Set([0, 502, 503, 504]);

/**
 * Whether the last HTTP answer came from the API. Any request that gets no answer (status 0) or
 * a gateway's 502/503/504 marks it unreachable at once; the next answer marks it reachable. The
 * shell and live views read it beside the socket state, so a dead API shows within one request.
 */
@Injectable({ providedIn: 'root' })
export class ApiReachability {
  readonly reachable = signal(true);
}

/** Feeds {@link ApiReachability} from every HttpClient call. */
export const apiReachabilityInterceptor: HttpInterceptorFn = (req, next) => {
  const reachability = inject(ApiReachability);
  return next(req).pipe(
    tap({
      next: (event) => {
        if (event.type === HttpEventType.Response) reachability.reachable.set(true);
      },
      error: (err: unknown) => {
        if (err instanceof HttpErrorResponse) reachability.reachable.set(!GATEWAY_DOWN.has(err.status));
      },
    }),
  );
};
