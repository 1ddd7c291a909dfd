import type { KubeObject } from '../api/types';
import { StoredEvent, WatchHub } from '../watch/watch-hub';
import type { ResourceDefinition } from './resource-definition';

/**
 * The cluster-wide resourceVersion counter (etcd's revision): every write to any resource takes
 * the next value. Rendered as a decimal string in metadata.resourceVersion.
 */
export class ResourceVersionClock {
  constructor(private value = 1000) {}
  get current(): number {
    return this.value;
  }
  next(): number {
    return ++this.value;
  }
}

/** A stored object with its serialization cache (objects are never mutated once stored). */
export class StoredObject<T extends KubeObject> {
  private cachedJson: string | undefined;
  constructor(
    readonly key: string,
    readonly object: T,
  ) {}
  /** The object's JSON, computed once. */
  get json(): string {
    if (this.cachedJson === undefined) this.cachedJson = JSON.stringify(this.object);
    return this.cachedJson;
  }
}

/** Extracts a value to index objects by (e.g. a pod's spec.nodeName); undefined = not indexed. */
export type IndexFunction<T> = (obj: T) => string | undefined;

/** The storage key: `namespace/name` for namespaced resources, `name` otherwise. */
export function objectKey(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

/**
 * In-memory storage of one resource: objects by key in key order (like etcd's range reads),
 * optional secondary indexes, and a WatchHub fed with every change. Callers hand in complete
 * new objects; the store stamps metadata.resourceVersion from the shared clock.
 */
export class ObjectStore<T extends KubeObject> {
  private readonly items = new Map<string, StoredObject<T>>();
  private sortedKeys: string[] | null = null;
  private readonly indexes = new Map<string, { fn: IndexFunction<T>; values: Map<string, Set<string>> }>();
  readonly hub: WatchHub;

  constructor(
    readonly def: ResourceDefinition,
    private readonly clock: ResourceVersionClock,
    historySize: number,
    indexes: Record<string, IndexFunction<T>> = {},
  ) {
    this.hub = new WatchHub(historySize, clock.current);
    for (const [name, fn] of Object.entries(indexes)) this.indexes.set(name, { fn, values: new Map() });
  }

  get size(): number {
    return this.items.size;
  }

  /** The stored entry, or undefined. */
  entry(namespace: string | undefined, name: string): StoredObject<T> | undefined {
    return this.items.get(objectKey(namespace, name));
  }

  /** The stored object, or undefined. */
  get(namespace: string | undefined, name: string): T | undefined {
    return this.entry(namespace, name)?.object;
  }

  /** All entries in key order, optionally only those in `namespace`. */
  entries(namespace?: string): StoredObject<T>[] {
    if (!this.sortedKeys) this.sortedKeys = [...this.items.keys()].sort();
    const keys = this.sortedKeys;
    if (!namespace) return keys.map((k) => this.items.get(k) as StoredObject<T>);
    const prefix = `${namespace}/`;
    return keys.filter((k) => k.startsWith(prefix)).map((k) => this.items.get(k) as StoredObject<T>);
  }

  /** Whether an index named `index` exists. */
  hasIndex(index: string): boolean {
    return this.indexes.has(index);
  }

  /** Entries whose index `index` has value `value`, in key order. */
  byIndex(index: string, value: string): StoredObject<T>[] {
    const keys = this.indexes.get(index)?.values.get(value);
    if (!keys) return [];
    return [...keys].sort().map((k) => this.items.get(k) as StoredObject<T>);
  }

  /** Stores a new object (the caller checked it does not exist) and emits ADDED. Returns the stored object. */
  add(obj: T): T {
    const rv = this.clock.next();
    const stored = withResourceVersion(obj, rv);
    const entry = new StoredObject(objectKey(stored.metadata.namespace, stored.metadata.name), stored);
    this.items.set(entry.key, entry);
    this.sortedKeys = null;
    this.index(entry.key, undefined, stored);
    this.hub.publish(new StoredEvent('ADDED', rv, stored, undefined, () => entry.json));
    return stored;
  }

  /** Replaces an existing object with `obj` (same key) and emits MODIFIED. Returns the stored object. */
  replace(obj: T): T {
    const key = objectKey(obj.metadata.namespace, obj.metadata.name);
    const previous = this.items.get(key)?.object;
    const rv = this.clock.next();
    const stored = withResourceVersion(obj, rv);
    const entry = new StoredObject(key, stored);
    this.items.set(key, entry);
    this.index(key, previous, stored);
    this.hub.publish(new StoredEvent('MODIFIED', rv, stored, previous, () => entry.json));
    return stored;
  }

  /** Removes an object and emits DELETED carrying its last state at the deletion's resourceVersion. */
  remove(namespace: string | undefined, name: string): T | undefined {
    const key = objectKey(namespace, name);
    const previous = this.items.get(key)?.object;
    if (!previous) return undefined;
    this.items.delete(key);
    this.sortedKeys = null;
    this.index(key, previous, undefined);
    const rv = this.clock.next();
    const final = withResourceVersion(previous, rv);
    const json = JSON.stringify(final);
    this.hub.publish(new StoredEvent('DELETED', rv, final, previous, () => json));
    return final;
  }

  private index(key: string, before: T | undefined, after: T | undefined): void {
    for (const { fn, values } of this.indexes.values()) {
      const oldValue = before ? fn(before) : undefined;
      const newValue = after ? fn(after) : undefined;
      if (oldValue === newValue) continue;
      if (oldValue !== undefined) values.get(oldValue)?.delete(key);
      if (newValue !== undefined) {
        let set = values.get(newValue);
        if (!set) values.set(newValue, (set = new Set()));
        set.add(key);
      }
    }
  }
}

function withResourceVersion<T extends KubeObject>(obj: T, rv: number): T {
  return { ...obj, metadata: { ...obj.metadata, resourceVersion: String(rv) } };
}
