import { z } from 'zod';
import { NODE_LIST_DEFAULT_LIMIT, NODE_LIST_MAX_LIMIT } from '../node';
import { clusterNameSchema, nodeNameSchema } from './k8s';
import { booleanParam, enumParam, pageParam, textParam, wholeNumberParam } from './query';

/** Longest label selector accepted, characters. */
export const MAX_SELECTOR_LENGTH = 4096;

/** Query string of `GET /clusters/:cluster/nodes`. The selector's grammar and the taint filter are checked by the service. */
export const nodeListQuerySchema = z.strictObject({
  selector: textParam(MAX_SELECTOR_LENGTH).meta({
    description: 'Label selector, kubectl syntax: =, ==, !=, in (...), notin (...), key, !key',
    example: 'node-pool=general,tier in (web,api)',
  }),
  q: textParam(253).meta({ description: 'Case-insensitive substring of the node name' }),
  readiness: enumParam(['Ready', 'NotReady', 'Unknown']),
  cordoned: booleanParam().meta({ description: 'true = cordoned only, false = schedulable only' }),
  role: textParam(253).meta({ description: 'Role from node-role.kubernetes.io/<role> labels' }),
  taint: textParam(317).meta({ description: 'Taint filter: key or key:Effect' }),
  sort: enumParam(['name', 'age', 'status']),
  order: enumParam(['asc', 'desc']),
  page: pageParam(),
  limit: wholeNumberParam(1, NODE_LIST_MAX_LIMIT).meta({ description: `Page size (default ${NODE_LIST_DEFAULT_LIMIT})` }),
});

/** Path parameters `:cluster/:node`. */
export const nodeParamsSchema = z.strictObject({ cluster: clusterNameSchema, node: nodeNameSchema });
