/**
 * Kubernetes resource quantities (k8s.io/apimachinery/pkg/api/resource: `<number><suffix>` with
 * binary suffixes Ki..Ei, decimal k..E, milli/micro/nano m/u/n, or an exponent `e3`) read into
 * numbers, and shown in the unit people think in: bytes as KiB..TiB, CPU as cores.
 */

const SUFFIX: Readonly<Record<string, number>> = {
  '': 1,
  n: 1e-9, u: 1e-6, m: 1e-3,
  k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

const QUANTITY_RE = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]))?$/;

/** The quantity's value in base units (bytes, cores, count), or null when it is not a quantity. */
export function parseQuantity(quantity: string): number | null {
  const m = QUANTITY_RE.exec(quantity.trim());
  if (!m) return null;
  const base = Number(m[1]);
  if (m[2]) return base * 10 ** Number(m[2].slice(1));
  return base * (SUFFIX[m[3] ?? ''] ?? 1);
}

export type QuantityUnit = 'bytes' | 'cores' | 'count';

/** How a node resource is measured: memory, storage and hugepages in bytes, cpu in cores, the rest counted. */
export function quantityUnit(resource: string): QuantityUnit {
  if (resource === 'cpu') return 'cores';
  if (resource === 'memory' || resource.endsWith('storage') || resource.startsWith('hugepages-')) return 'bytes';
  return 'count';
}

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'] as const;

/** Bytes in the largest binary unit that keeps the number >= 1: `{value: 15.5, unit: 'GiB'}`. */
export function binaryBytes(bytes: number): { value: number; unit: (typeof BYTE_UNITS)[number] } {
  let value = bytes;
  let i = 0;
  while (Math.abs(value) >= 1024 && i < BYTE_UNITS.length - 1) {
    value /= 1024;
    i++;
  }
  return { value, unit: BYTE_UNITS[i] };
}
