/** Spaces between columns, as kubectl's printers set up Go's tabwriter (padding 3, no minimum width). */
const COLUMN_GAP = 3;

/**
 * Lays out rows the way `kubectl get` does: every column as wide as its widest cell plus 3 spaces,
 * the last column unpadded, headers upper-case as given. Returns the lines without newlines.
 * Widths count UTF-16 code units, as names and label values are ASCII.
 */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] + COLUMN_GAP)))
      .join('');
  return [line(headers), ...rows.map(line)];
}
