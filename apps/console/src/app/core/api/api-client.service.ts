import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom, type Observable } from 'rxjs';
import { toApiError } from './api-error';

/** Query-string values the client encodes; `undefined` and `''` are left out. */
export type QueryParams = Record<string, string | number | boolean | undefined>;

/**
 * Thin JSON client over HttpClient. URLs always come from `ApiRoutes` in the contracts.
 * Every method resolves with the body or rejects with an {@link ApiError}.
 */
@Injectable({ providedIn: 'root' })
export class ApiClient {
  private readonly http = inject(HttpClient);

  get<T>(url: string, query?: QueryParams): Promise<T> {
    return this.send(this.http.get<T>(url, { params: toParams(query) }));
  }

  post<T>(url: string, body: unknown = {}): Promise<T> {
    return this.send(this.http.post<T>(url, body));
  }

  delete<T = void>(url: string): Promise<T> {
    return this.send(this.http.delete<T>(url));
  }

  private async send<T>(request: Observable<T>): Promise<T> {
    try {
      return await firstValueFrom(request);
    } catch (err) {
      throw toApiError(err);
    }
  }
}

function toParams(query: QueryParams | undefined): HttpParams {
  let params = new HttpParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === '') continue;
    params = params.set(key, String(value));
  }
  return params;
}
