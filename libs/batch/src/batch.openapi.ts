import type { SchemaObject } from '@nestjs/swagger';
import {
  CORDON_REASON_MAX_LENGTH,
  TAINT_EFFECTS,
  TASK_KINDS,
  TASK_MAX_NODES,
} from '@knm/contracts';

const taint: SchemaObject = {
  type: 'object',
  required: ['key', 'effect'],
  properties: {
    key: { type: 'string', description: 'Qualified name: [DNS-subdomain prefix/]name (name <= 63)' },
    value: { type: 'string', maxLength: 63, description: 'Label-value rules; may be empty' },
    effect: { type: 'string', enum: [...TAINT_EFFECTS] },
  },
};

/**
 * OpenAPI schema of `POST /clusters/:cluster/tasks` (contracts CreateTaskRequest). The service
 * validates the body itself so every violation names its exact field; this schema documents it.
 */
export const CREATE_TASK_BODY_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['kind', 'params'],
  description: 'Exactly one of `nodes` or `selector` names the targets.',
  properties: {
    kind: { type: 'string', enum: [...TASK_KINDS] },
    nodes: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: TASK_MAX_NODES, uniqueItems: true },
    selector: { type: 'string', description: 'Label selector in kubectl syntax, resolved against the node cache at creation' },
    concurrency: { type: 'integer', minimum: 1, description: 'Parallel node operations (default KNM_TASK_CONCURRENCY, at most KNM_CLUSTER_MAX_CONCURRENCY)' },
    dryRun: { type: 'boolean', description: "Server-side dry run (dryRun=All): reports each node's change, changes nothing" },
    params: {
      description: 'Per kind: label {set, remove}; taint {add, remove}; cordon {reason}; uncordon {}',
      oneOf: [
        {
          title: 'label',
          type: 'object',
          properties: {
            set: { type: 'object', additionalProperties: { type: 'string', maxLength: 63 } },
            remove: { type: 'array', items: { type: 'string' } },
          },
        },
        {
          title: 'taint',
          type: 'object',
          properties: {
            add: { type: 'array', items: taint },
            remove: {
              type: 'array',
              items: { type: 'object', required: ['key'], properties: { key: { type: 'string' }, effect: { type: 'string', enum: [...TAINT_EFFECTS] } } },
            },
          },
        },
        { title: 'cordon', type: 'object', properties: { reason: { type: 'string', maxLength: CORDON_REASON_MAX_LENGTH } } },
        { title: 'uncordon', type: 'object' },
      ],
    },
  },
};

/** `{code, message, details?}` (contracts ErrorBody). */
export const ERROR_BODY_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['code', 'message'],
  properties: {
    code: { type: 'string' },
    message: { type: 'string' },
    details: {
      type: 'object',
      properties: {
        violations: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, rule: { type: 'string' } } } },
      },
    },
  },
};
