import { EventEmitter } from 'node:events';
import { Readable } from 'node:stream';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppConfig } from '../app-config';
import { DomainError } from '../domain-error';
import { JSON_BODY_LIMIT_BYTES, JsonBodyMiddleware } from './json-body.middleware';

type FakeRequest = IncomingMessage & { body?: unknown };

/** An incoming request as a stream (the I/O boundary), with the body written and ended. */
function request(method: string, headers: Record<string, string>, body?: string | Buffer): FakeRequest {
  const stream = Readable.from(body === undefined ? [] : [Buffer.from(body)]) as unknown as FakeRequest;
  const withLength = body !== undefined && !('transfer-encoding' in headers) ? { 'content-length': String(Buffer.byteLength(body)) } : {};
  // `complete` and a readable `socket` make on-finished (used by body-parser) see an unfinished IncomingMessage.
  Object.assign(stream, { method, url: '/api/v1/clusters', complete: false, socket: Object.assign(new EventEmitter(), { readable: true }), headers: { host: 'knm:8080', ...withLength, ...headers } });
  return stream;
}

const config = { corsOrigins: ['https://console.example.com'] } as unknown as AppConfig;

async function run(req: FakeRequest): Promise<{ error?: DomainError; passed: boolean }> {
  const gate = new JsonBodyMiddleware(config);
  let passed = false;
  try {
    await gate.use(req, {} as ServerResponse, () => (passed = true));
    return { passed };
  } catch (err) {
    return { error: err as DomainError, passed };
  }
}

const json = { 'content-type': 'application/json' };

describe('JsonBodyMiddleware', () => {
  it('parses a JSON body, any JSON value included', async () => {
    const req = request('POST', json, '{"name":"prod"}');
    expect(await run(req)).toEqual({ passed: true });
    expect(req.body).toEqual({ name: 'prod' });
    const nullBody = request('POST', { 'content-type': 'application/json; charset=utf-8' }, 'null');
    expect(await run(nullBody)).toEqual({ passed: true });
    expect(nullBody.body).toBeNull();
  });

  it('lets a mutating request without a body and without a content type through unparsed', async () => {
    const req = request('POST', {});
    expect(await run(req)).toEqual({ passed: true });
    expect(req.body).toBeUndefined();
  });

  it('does not parse GET bodies and does not check their origin', async () => {
    const req = request('GET', { ...json, origin: 'https://evil.example' }, '{"a":1}');
    expect(await run(req)).toEqual({ passed: true });
    expect(req.body).toBeUndefined();
  });

  it.each([
    ['form-encoded', { 'content-type': 'application/x-www-form-urlencoded' }, 'name=x', 'headers.content-type'],
    ['text/plain', { 'content-type': 'text/plain' }, '{"name":"x"}', 'headers.content-type'],
    ['multipart', { 'content-type': 'multipart/form-data; boundary=x' }, '--x--', 'headers.content-type'],
    ['no content type with a body', {}, '{"name":"x"}', 'headers.content-type'],
    ['form-encoded without a body', { 'content-type': 'application/x-www-form-urlencoded' }, undefined, 'headers.content-type'],
    ['a JSON look-alike type', { 'content-type': 'application/jsonp' }, '{}', 'headers.content-type'],
    ['a UTF-7 charset', { 'content-type': 'application/json; charset=utf-7' }, '{}', 'headers.content-type'],
    ['a compressed body', { ...json, 'content-encoding': 'gzip' }, '{}', 'headers.content-encoding'],
  ])('refuses %s with 415 UNSUPPORTED_MEDIA_TYPE naming the header', async (_name, headers, body, field) => {
    const { error } = await run(request('POST', headers, body));
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', details: { violations: [{ field }] } });
  });

  it.each(['https://evil.example', 'null', 'http://knm:8080.evil.example'])('refuses a mutation from origin %s with 403 ORIGIN_NOT_ALLOWED, before reading the body', async (origin) => {
    const req = request('DELETE', { ...json, origin }, '{}');
    const { error, passed } = await run(req);
    expect(passed).toBe(false);
    expect(error).toMatchObject({ code: 'ORIGIN_NOT_ALLOWED', details: { violations: [{ field: 'headers.origin' }] } });
    expect(req.body).toBeUndefined();
  });

  it('allows its own origin and the configured ones', async () => {
    expect(await run(request('POST', { ...json, origin: 'http://knm:8080' }, '{}'))).toEqual({ passed: true });
    expect(await run(request('POST', { ...json, origin: 'https://console.example.com' }, '{}'))).toEqual({ passed: true });
  });

  it('answers malformed JSON with 400 MALFORMED_JSON and the position, without echoing the body', async () => {
    const { error } = await run(request('POST', json, '{"kubeconfig": "secret-token",'));
    expect(error).toMatchObject({ code: 'MALFORMED_JSON', details: { violations: [{ field: 'body', rule: expect.stringMatching(/^must be valid JSON/) }] } });
    expect(JSON.stringify(error)).not.toContain('secret-token');
    expect(error!.message).not.toContain('secret-token');
  });

  it('answers a body over the limit with 413 PAYLOAD_TOO_LARGE naming the limit', async () => {
    const { error } = await run(request('POST', { ...json, 'content-length': String(JSON_BODY_LIMIT_BYTES + 1) }, 'x'));
    expect(error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: { limitBytes: JSON_BODY_LIMIT_BYTES } });
  });

  it('accepts a kubeconfig of 1,000,000 characters even when every character is escaped', async () => {
    const body = `{"name":"big","kubeconfig":"${'\\u00e9'.repeat(1_000_000)}"}`;
    const req = request('POST', json, body);
    expect(await run(req)).toEqual({ passed: true });
    expect((req.body as { kubeconfig: string }).kubeconfig).toHaveLength(1_000_000);
  });
});
