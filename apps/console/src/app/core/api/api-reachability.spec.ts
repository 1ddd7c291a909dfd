import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { ApiReachability, apiReachabilityInterceptor } from './api-reachability';

describe('API reachability', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let reachability: ApiReachability;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(withInterceptors([apiReachabilityInterceptor])), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
    reachability = TestBed.inject(ApiReachability);
  });

  const request = async (answer: (r: ReturnType<HttpTestingController['expectOne']>) => void): Promise<void> => {
    const done = firstValueFrom(http.get('/api/v1/x')).catch(() => undefined);
    answer(backend.expectOne('/api/v1/x'));
    await done;
  };

  it('marks the API unreachable on a request without an answer, and reachable on the next answer', async () => {
    await request((r) => r.error(new ProgressEvent('error'), { status: 0 }));
    const down = reachability.reachable();
    await request((r) => r.flush({ ok: true }));
    expect([down, reachability.reachable()]).toEqual([false, true]);
  });

  it('counts a gateway 502/503/504 as unreachable, an API error such as 404 as reachable', async () => {
    await request((r) => r.flush('Bad Gateway', { status: 502, statusText: 'Bad Gateway' }));
    const gateway = reachability.reachable();
    await request((r) => r.flush({ code: 'NOT_FOUND', message: 'x' }, { status: 404, statusText: 'Not Found' }));
    expect([gateway, reachability.reachable()]).toEqual([false, true]);
  });
});
