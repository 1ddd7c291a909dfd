import { binaryBytes, parseQuantity, quantityUnit } from './quantity';

describe('Kubernetes quantities', () => {
  it('reads binary, decimal, milli and exponent suffixes into base units', () => {
    expect(['16Gi', '104857600Ki', '96636764160', '3920m', '1.5', '2k', '1e3', '500u', '12Mi'].map(parseQuantity)).toEqual([
      16 * 2 ** 30, 104857600 * 1024, 96636764160, 3.92, 1.5, 2000, 1000, 0.0005, 12 * 2 ** 20,
    ]);
  });

  it('refuses what is not a quantity (shown as is)', () => {
    expect(['', 'abc', '1Qi', '--1'].map(parseQuantity)).toEqual([null, null, null, null]);
  });

  it('measures memory, storage and hugepages in bytes, cpu in cores, the rest counted', () => {
    expect(['memory', 'ephemeral-storage', 'hugepages-2Mi', 'cpu', 'pods', 'nvidia.com/gpu'].map(quantityUnit)).toEqual([
      'bytes', 'bytes', 'bytes', 'cores', 'count', 'count',
    ]);
  });

  it('shows bytes in the largest binary unit that keeps the number at least 1', () => {
    expect([binaryBytes(96636764160), binaryBytes(512), binaryBytes(1536)]).toEqual([
      { value: 90, unit: 'GiB' },
      { value: 512, unit: 'B' },
      { value: 1.5, unit: 'KiB' },
    ]);
  });
});
