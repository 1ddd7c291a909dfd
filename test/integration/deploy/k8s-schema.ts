import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parseAllDocuments } from 'yaml';

/** A Kubernetes object as read from YAML, before validation. */
export interface Manifest {
  apiVersion?: unknown;
  kind?: unknown;
  metadata?: { name?: unknown; namespace?: unknown };
  [field: string]: unknown;
}

/** A manifest with the place it came from (a file, or a kustomize render), for messages. */
export interface SourcedManifest {
  object: Manifest;
  source: string;
}

interface VendoredSchemas {
  kubernetesVersion: string;
  kinds: Record<string, string>;
  definitions: Record<string, object>;
}

const SCHEMA_FILE = join(__dirname, 'schemas', 'kubernetes-1.32.2-strict.json');
const SCHEMA_ID = 'https://kube-node-manager.invalid/kubernetes-1.32.2-strict.json';

/**
 * Parses a YAML stream into its documents, skipping empty ones. Throws on a YAML error, naming
 * `source` and the error's position.
 */
export function parseManifests(text: string, source: string): SourcedManifest[] {
  const out: SourcedManifest[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length) throw new Error(`${source}: YAML error: ${doc.errors[0].message}`);
    const object: unknown = doc.toJS();
    if (object === null || object === undefined) continue;
    if (typeof object !== 'object' || Array.isArray(object)) throw new Error(`${source}: a document is not a mapping`);
    out.push({ object: object as Manifest, source });
  }
  return out;
}

/** Reads and parses a YAML file (see {@link parseManifests}); `label` names it in messages. */
export function readManifests(path: string, label: string = path): SourcedManifest[] {
  return parseManifests(readFileSync(path, 'utf8'), label);
}

/** `Kind/name` of an object, as kubectl names it. */
export function objectName(m: Manifest): string {
  return `${String(m.kind ?? '<no kind>')}/${String(m.metadata?.name ?? '<no name>')}`;
}

/**
 * Validates Kubernetes objects against the vendored Kubernetes 1.32 OpenAPI schemas in their
 * strict form (schemas/README.md): an unknown field, a wrong type, a missing required field, a
 * value outside an enum, or an apiVersion/kind with no schema is a violation. Int-or-string
 * fields accept an integer or a string, quantities a string or a number, as the API server does.
 */
export class KubernetesSchemaValidator {
  readonly kubernetesVersion: string;
  private readonly ajv: Ajv;
  private readonly kinds: Record<string, string>;
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor() {
    const vendored = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as VendoredSchemas;
    this.kubernetesVersion = vendored.kubernetesVersion;
    this.kinds = vendored.kinds;
    this.ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false });
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: SCHEMA_ID, definitions: vendored.definitions });
  }

  /**
   * Violations of one object, each `Kind/name (source): /json/pointer message`; empty when valid.
   */
  validate({ object, source }: SourcedManifest): string[] {
    const where = `${objectName(object)} (${source})`;
    const key = `${String(object.apiVersion)} ${String(object.kind)}`;
    const definition = this.kinds[key];
    if (!definition) {
      return [`${where}: no Kubernetes ${this.kubernetesVersion} schema for apiVersion "${String(object.apiVersion)}" kind "${String(object.kind)}"`];
    }
    const validate = this.validatorFor(definition);
    if (validate(object)) return [];
    return describeErrors(validate.errors ?? []).map((e) => `${where}: ${e}`);
  }

  private validatorFor(definition: string): ValidateFunction {
    let fn = this.compiled.get(definition);
    if (!fn) {
      fn = this.ajv.getSchema(`${SCHEMA_ID}#/definitions/${definition}`);
      if (!fn) throw new Error(`vendored schemas lack ${definition}`);
      this.compiled.set(definition, fn);
    }
    return fn;
  }
}

/**
 * Ajv errors as `/path message` lines. The branch errors of a `oneOf` (int-or-string, quantity)
 * fold into one line naming the accepted types; unknown and missing fields name the field.
 */
function describeErrors(errors: ErrorObject[]): string[] {
  const oneOfPaths = errors.filter((e) => e.keyword === 'oneOf').map((e) => e.schemaPath);
  const inOneOf = (e: ErrorObject) => oneOfPaths.find((p) => e.schemaPath.startsWith(`${p}/`));
  const lines: string[] = [];
  for (const e of errors) {
    if (inOneOf(e)) continue;
    const path = e.instancePath || '/';
    if (e.keyword === 'oneOf') {
      const types = errors.filter((b) => inOneOf(b) === e.schemaPath && b.keyword === 'type').map((b) => String(b.params.type));
      lines.push(`${path} must be one of the types ${types.join(' or ')}`);
    } else if (e.keyword === 'additionalProperties') {
      lines.push(`${path} has the unknown field "${String(e.params.additionalProperty)}"`);
    } else if (e.keyword === 'required') {
      lines.push(`${path} lacks the required field "${String(e.params.missingProperty)}"`);
    } else if (e.keyword === 'enum') {
      lines.push(`${path} must be one of ${JSON.stringify(e.params.allowedValues)}`);
    } else {
      lines.push(`${path} ${e.message ?? e.keyword}`);
    }
  }
  return lines;
}
