import { applyDecorators } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiParam, ApiQuery, type SchemaObject } from '@nestjs/swagger';
import { z } from 'zod';
import { errorBodySchema } from '@knm/contracts';
import type { RequestInputSpec } from './request-input';

/**
 * OpenAPI 3.0 schema of a zod schema (zod 4's own `z.toJSONSchema`). `input` describes what a
 * client sends (bodies: defaults make a field optional); `output` what the API holds after parsing
 * (query parameters: `"20"` is documented as the integer it becomes). Transforms that JSON Schema
 * cannot express document the shape they carry in their `.meta()` (see contracts jsonMap).
 */
export function openApiSchema(schema: z.ZodType, io: 'input' | 'output'): SchemaObject {
  return z.toJSONSchema(schema, { target: 'openapi-3.0', unrepresentable: 'any', io }) as SchemaObject;
}

/** `{code, message, details?}` (contracts errorBodySchema), for error responses in the OpenAPI document. */
export const ERROR_BODY_OPENAPI: SchemaObject = openApiSchema(errorBodySchema, 'output');

interface ObjectSchema {
  properties?: Record<string, SchemaObject>;
  required?: string[];
}

function fields(schema: z.ZodType): { name: string; schema: SchemaObject; required: boolean }[] {
  const json = openApiSchema(schema, 'output') as ObjectSchema;
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({ name, schema: s, required: json.required?.includes(name) ?? false }));
}

/** Swagger decorators documenting `spec` (path parameters, query parameters, body, the 400 answer). */
export function openApiOf(spec: RequestInputSpec): MethodDecorator {
  const decorators: MethodDecorator[] = [];
  if (spec.params) {
    for (const p of fields(spec.params)) decorators.push(ApiParam({ name: p.name, required: true, schema: p.schema, description: p.schema.description }));
  }
  if (spec.query) {
    for (const q of fields(spec.query)) decorators.push(ApiQuery({ name: q.name, required: q.required, schema: q.schema, description: q.schema.description }));
  }
  if (spec.body) decorators.push(ApiBody({ schema: openApiSchema(spec.body, 'input') }));
  decorators.push(
    ApiBadRequestResponse({
      description: 'VALIDATION_FAILED (details.violations name each field and rule), MALFORMED_JSON; unknown query parameters are refused',
      schema: ERROR_BODY_OPENAPI,
    }),
  );
  return applyDecorators(...decorators);
}
