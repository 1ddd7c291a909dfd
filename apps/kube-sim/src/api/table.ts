import type { KubeObject } from './types';
import type { ListPage } from './collection';

/** meta/v1 TableColumnDefinition. */
export interface TableColumn {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  format: string;
  description: string;
  priority: number;
}

/** Turns objects of one resource into table rows (the apiserver's TableConvertor). */
export interface TableConvertor {
  columns: TableColumn[];
  /** Cells in column order; `now` is for ages. */
  cells(obj: KubeObject, now: Date): (string | number | boolean)[];
}

/** True when the Accept header asks for `as=Table` (kubectl get sends `application/json;as=Table;v=v1;g=meta.k8s.io`). */
export function wantsTable(accept: string): boolean {
  return /as=Table/.test(accept) && /g=meta\.k8s\.io/.test(accept);
}

/**
 * Renders a list page as a meta.k8s.io/v1 Table. `includeObject`: None | Metadata (default,
 * PartialObjectMetadata rows; kubectl reads namespace from it) | Object.
 */
export function renderTable(conv: TableConvertor, page: ListPage<KubeObject>, includeObject: string | null, now: Date): Record<string, unknown> {
  const metadata: Record<string, unknown> = { resourceVersion: page.resourceVersion };
  if (page.continueToken) {
    metadata.continue = page.continueToken;
    metadata.remainingItemCount = page.remainingItemCount;
  }
  const rows = page.entries.map((e) => {
    const row: Record<string, unknown> = { cells: conv.cells(e.object, now) };
    if (includeObject === 'Object') row.object = e.object;
    else if (includeObject !== 'None') row.object = { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: e.object.metadata };
    return row;
  });
  return { kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata, columnDefinitions: conv.columns, rows };
}

/** A column definition; `priority` 1 = shown only with `-o wide`. */
export function column(name: string, type: TableColumn['type'], description: string, priority = 0, format = ''): TableColumn {
  return { name, type, format, description, priority };
}

/** The Name column every table starts with. */
export const NAME_COLUMN = column('Name', 'string', 'Name must be unique within a namespace. More info: http://kubernetes.io/docs/user-guide/identifiers#names', 0, 'name');

/** The Age column (CreationTimestamp rendered as a human duration). */
export const AGE_COLUMN = column('Age', 'string', 'CreationTimestamp is a timestamp representing the server time when this object was created.');

/** Age of an RFC 3339 timestamp, as kubectl prints it (k8s.io/apimachinery/pkg/util/duration.HumanDuration). */
export function age(timestamp: string | undefined, now: Date): string {
  if (!timestamp) return '<unknown>';
  return humanDuration((now.getTime() - Date.parse(timestamp)) / 1000);
}

/** HumanDuration of apimachinery/pkg/util/duration: `45s`, `5m3s`, `3h10m`, `12d`, `2y30d`. */
export function humanDuration(totalSeconds: number): string {
  const seconds = Math.floor(totalSeconds);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  const days = Math.floor(hours / 24);
  if (hours < 24 * 8) return hours % 24 === 0 ? `${days}d` : `${days}d${hours % 24}h`;
  if (hours < 24 * 365 * 2) return `${days}d`;
  const years = Math.floor(days / 365);
  if (hours < 24 * 365 * 8) return days % 365 === 0 ? `${years}y` : `${years}y${days % 365}d`;
  return `${years}y`;
}

/** The apiserver's default table for resources without a dedicated printer: Name, Age. */
export const DEFAULT_TABLE: TableConvertor = {
  columns: [NAME_COLUMN, AGE_COLUMN],
  cells: (obj, now) => [obj.metadata.name, age(obj.metadata.creationTimestamp, now)],
};
