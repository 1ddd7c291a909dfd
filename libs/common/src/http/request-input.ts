import {
  applyDecorators,
  CallHandler,
  createParamDecorator,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Observable } from 'rxjs';
import { z } from 'zod';
import { API_PREFIX, FieldViolation, parseWith } from '@knm/contracts';
import { ValidationError } from '../domain-error';
import { openApiOf } from './openapi-from-zod';

/**
 * The zod schemas (from libs/contracts) of one route's input. A part without a schema takes
 * nothing: no path parameters, no query parameters, no body (an empty JSON object `{}` is
 * tolerated as "no body").
 */
export interface RequestInputSpec {
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
}

type Part<S extends RequestInputSpec, K extends keyof RequestInputSpec> = S[K] extends z.ZodType ? z.output<S[K]> : undefined;

/** What a handler gets from {@link Input}: each part parsed by its schema. */
export interface RequestInput<S extends RequestInputSpec> {
  params: Part<S, 'params'>;
  query: Part<S, 'query'>;
  body: Part<S, 'body'>;
}

const INPUT_SPEC = Symbol('knm:request-input');
const VALIDATED = Symbol('knm:validated-input');

const noParams = z.strictObject({});
const isEmptyObject = (v: unknown): boolean => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0;
const noBody = z.unknown().refine((v) => v === undefined || isEmptyObject(v), 'must be absent: this route takes no body');

type RawRequest = { params?: unknown; query?: unknown; body?: unknown; originalUrl?: string; url?: string; [VALIDATED]?: unknown };

/**
 * Parses every part of a request with its schema and returns the parsed parts, or throws one
 * {@link ValidationError} listing the violations of all parts (path parameters and query
 * parameters by name, body fields by path; unknown query parameters are violations too).
 */
export function validateRequestInput(spec: RequestInputSpec, req: RawRequest): RequestInput<RequestInputSpec> {
  const violations: FieldViolation[] = [];
  const part = (schema: z.ZodType, value: unknown, unknownKeyRule: string, root: string): unknown => {
    const parsed = parseWith(schema, value, { unknownKeyRule, root });
    if (parsed.ok) return parsed.value;
    violations.push(...parsed.violations);
    return undefined;
  };
  const params = part(spec.params ?? noParams, { ...(req.params as object) }, 'is not a path parameter of this route', 'params');
  const query = part(spec.query ?? noParams, { ...(req.query as object) }, 'is not a known query parameter', 'query');
  const body = spec.body
    ? part(spec.body, req.body, 'is not a known field', 'body')
    : part(noBody, req.body, 'is not a known field', 'body');
  if (violations.length > 0) throw new ValidationError(violations);
  return { params, query, body } as RequestInput<RequestInputSpec>;
}

/**
 * Declares a route's input schemas: the global {@link RequestInputInterceptor} validates the
 * request with them before the handler runs, and the OpenAPI document describes the route from
 * the same schemas. Read the parsed input with {@link Input}.
 */
export function Accepts(spec: RequestInputSpec): MethodDecorator {
  return applyDecorators(SetMetadata(INPUT_SPEC, spec), openApiOf(spec));
}

/** The request's input as parsed by the route's {@link Accepts} schemas. */
export const Input = createParamDecorator((_data: unknown, ctx: ExecutionContext) => ctx.switchToHttp().getRequest<RawRequest>()[VALIDATED]);

/**
 * Validates the input of every API route (`/api/v1/...`) against its {@link Accepts} schemas;
 * a route without them takes no path parameters, no query parameters and no body. So unknown
 * query parameters are refused alike on every route. Runs after guards (authentication first).
 */
@Injectable()
export class RequestInputInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<RawRequest>();
    const url = req.originalUrl ?? req.url ?? '';
    if (!url.startsWith(`${API_PREFIX}/`)) return next.handle();
    const spec = this.reflector.get<RequestInputSpec | undefined>(INPUT_SPEC, context.getHandler()) ?? {};
    req[VALIDATED] = validateRequestInput(spec, req);
    return next.handle();
  }
}
