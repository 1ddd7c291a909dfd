import type { JsonValue, KubeObject } from './types';
import { ApiError, alreadyExists, badRequest, conflict, invalid, notFound, type ErrorTarget, type StatusCause } from './status';
import { validateObjectMeta, validateObjectMetaUpdate } from './validation';
import type { ObjectStore } from '../store/object-store';
import { groupVersion } from '../store/resource-definition';
import { applyMergePatch } from '../patch/merge-patch';
import { applyStrategicMergePatch, DEFAULT_MERGE_SCHEMA, PatchError, type MergeSchema } from '../patch/strategic-merge-patch';
import { applyJsonPatch } from '../patch/json-patch';
import type { Random } from '../util/random';

/** meta/v1 DeleteOptions fields the simulator honours. */
export interface DeleteOptions {
  gracePeriodSeconds?: number;
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: boolean;
}

/** Per-resource behaviour plugged into the generic registry (the apiserver's RESTStrategy). */
export interface ResourceStrategy<T extends KubeObject> {
  mergeSchema?: MergeSchema;
  /** Extra validation of a new or updated object (metadata is validated generically). */
  validate?(obj: T, old: T | undefined): StatusCause[];
  /** Adjusts an update: e.g. keeps status on the main resource and spec on `/status`. */
  prepareForUpdate?(next: T, old: T, subresource: string | undefined): T;
  /** Fills defaults of a created object. */
  prepareForCreate?(obj: T): T;
  /**
   * Deletes `obj` (or, with options.dryRun, only reports it); returns the object as the response
   * shows it. Default: removed at once. Pods override this with graceful deletion.
   */
  delete?(obj: T, options: DeleteOptions): T;
  /** Called after every stored change (e.g. to let a controller react). */
  afterWrite?(obj: T, old: T | undefined): void;
}

/** The PATCH content types the apiserver accepts, minus server-side apply. */
export type PatchType = 'application/json-patch+json' | 'application/merge-patch+json' | 'application/strategic-merge-patch+json';

/**
 * Generic create/read/update/patch/delete of one resource over an ObjectStore, with the
 * apiserver's optimistic concurrency, metadata rules and error Statuses
 * (k8s.io/apiserver/pkg/registry/generic/registry/store.go).
 */
export class ResourceRegistry<T extends KubeObject> {
  constructor(
    readonly store: ObjectStore<T>,
    private strategy: ResourceStrategy<T>,
    private readonly random: Random,
    private readonly now: () => Date,
  ) {}

  /** Installs the strategy (for strategies built from this registry, e.g. pods'). */
  setStrategy(strategy: ResourceStrategy<T>): void {
    this.strategy = strategy;
  }

  get def() {
    return this.store.def;
  }

  /** The object, or 404 NotFound. */
  get(namespace: string | undefined, name: string): T {
    const obj = this.store.get(namespace, name);
    if (!obj) throw notFound(this.target(name));
    return obj;
  }

  /**
   * Creates an object from a request body: fills name from generateName, uid,
   * creationTimestamp; 409 AlreadyExists, 422 Invalid.
   */
  create(namespace: string | undefined, body: JsonValue, dryRun = false): T {
    const obj = this.decode(body);
    const meta = { ...obj.metadata };
    if (this.def.namespaced) {
      if (meta.namespace && meta.namespace !== namespace) throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
      meta.namespace = namespace;
    } else delete meta.namespace;
    if (!meta.name && meta.generateName) meta.name = `${meta.generateName}${this.random.suffix(5)}`;
    meta.uid = this.random.uuid();
    meta.creationTimestamp = this.now().toISOString().replace(/\.\d+Z$/, 'Z');
    meta.resourceVersion = '';
    delete meta.deletionTimestamp;
    let next = { ...obj, apiVersion: groupVersion(this.def), kind: this.def.kind, metadata: meta } as T;
    if (this.strategy.prepareForCreate) next = this.strategy.prepareForCreate(next);
    this.check(next, undefined);
    if (this.store.get(namespace, meta.name)) throw alreadyExists(this.target(meta.name));
    if (dryRun) return next;
    const stored = this.store.add(next);
    this.strategy.afterWrite?.(stored, undefined);
    return stored;
  }

  /** PUT: replaces the object; a non-empty metadata.resourceVersion must match (409 Conflict). */
  update(namespace: string | undefined, name: string, body: JsonValue, subresource?: string, dryRun = false): T {
    const old = this.get(namespace, name);
    const obj = this.decode(body);
    if (obj.metadata.name !== name) throw badRequest(`the name of the object (${obj.metadata.name}) does not match the name on the URL (${name})`);
    const rv = obj.metadata.resourceVersion;
    if (rv && rv !== old.metadata.resourceVersion) throw conflict(this.target(name));
    const next = { ...obj, apiVersion: old.apiVersion, kind: old.kind, metadata: { ...obj.metadata, namespace: old.metadata.namespace } } as T;
    return this.write(next, old, subresource, dryRun);
  }

  /**
   * PATCH: applies a JSON, merge or strategic merge patch to the current object. A
   * metadata.resourceVersion in the result different from the current one is a precondition
   * failure (409 Conflict), as in apiserver's patcher.
   */
  patch(namespace: string | undefined, name: string, type: PatchType, body: JsonValue, subresource?: string, dryRun = false): T {
    const old = this.get(namespace, name);
    const current = old as unknown as JsonValue;
    let patched: JsonValue;
    try {
      if (type === 'application/json-patch+json') patched = applyJsonPatch(current, body);
      else if (type === 'application/merge-patch+json') patched = applyMergePatch(current, body);
      else patched = applyStrategicMergePatch(current, body, this.strategy.mergeSchema ?? DEFAULT_MERGE_SCHEMA);
    } catch (err) {
      if (err instanceof PatchError) throw badRequest(err.message);
      throw err;
    }
    const next = this.decode(patched);
    if (next.metadata.resourceVersion !== old.metadata.resourceVersion) {
      if (next.metadata.resourceVersion) throw conflict(this.target(name));
    }
    return this.write({ ...next, metadata: { ...next.metadata, name: next.metadata.name ?? name } } as T, old, subresource, dryRun);
  }

  /** DELETE with preconditions (409 Conflict on uid/resourceVersion mismatch). */
  delete(namespace: string | undefined, name: string, options: DeleteOptions): T {
    const old = this.get(namespace, name);
    const pre = options.preconditions;
    if (pre?.uid && pre.uid !== old.metadata.uid) {
      throw new ApiError(409, 'Conflict', `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${old.metadata.uid}`, { name, kind: this.def.resource });
    }
    if (pre?.resourceVersion && pre.resourceVersion !== old.metadata.resourceVersion) {
      throw new ApiError(409, 'Conflict', `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${old.metadata.resourceVersion}`, { name, kind: this.def.resource });
    }
    if (this.strategy.delete) return this.strategy.delete(old, options);
    if (options.dryRun) return old;
    return this.store.remove(namespace, name) as T;
  }

  /**
   * Stores an object a simulated controller creates, keeping the name, uid and creationTimestamp
   * it chose (so replacements and events are derived from the seed, not from the order of API
   * calls); validated like a create. @throws ApiError 409 AlreadyExists, 422 Invalid.
   */
  createAsController(obj: T): T {
    const next = { ...obj, apiVersion: groupVersion(this.def), kind: this.def.kind, metadata: { ...obj.metadata, resourceVersion: '' } } as T;
    this.check(next, undefined);
    if (this.store.get(next.metadata.namespace, next.metadata.name)) throw alreadyExists(this.target(next.metadata.name));
    const stored = this.store.add(next);
    this.strategy.afterWrite?.(stored, undefined);
    return stored;
  }

  /** Stores a change made by the simulator itself (a controller), running the same strategy hooks. */
  writeAsController(next: T): T {
    const old = this.get(next.metadata.namespace, next.metadata.name);
    const stored = this.store.replace(next);
    this.strategy.afterWrite?.(stored, old);
    return stored;
  }

  /** The `{group, resource, name}` an error names. */
  target(name: string): ErrorTarget {
    return { group: this.def.group, resource: this.def.resource, name };
  }

  private write(next: T, old: T, subresource: string | undefined, dryRun: boolean): T {
    let prepared = this.strategy.prepareForUpdate ? this.strategy.prepareForUpdate(next, old, subresource) : next;
    prepared = { ...prepared, metadata: { ...prepared.metadata, resourceVersion: old.metadata.resourceVersion } };
    this.check(prepared, old);
    if (dryRun) return prepared;
    if (JSON.stringify(prepared) === JSON.stringify(old)) return old;
    const stored = this.store.replace(prepared);
    this.strategy.afterWrite?.(stored, old);
    return stored;
  }

  private check(obj: T, old: T | undefined): void {
    const causes = [...validateObjectMeta(obj), ...(old ? validateObjectMetaUpdate(obj, old) : []), ...(this.strategy.validate?.(obj, old) ?? [])];
    if (causes.length) throw invalid(this.def.kind, this.def.group, obj.metadata.name ?? '', causes);
  }

  private decode(body: JsonValue): T {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest(`Object '${this.def.kind}' is not a JSON object`);
    const metadata = body.metadata;
    if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) throw badRequest('Object has no metadata');
    return body as unknown as T;
  }
}
