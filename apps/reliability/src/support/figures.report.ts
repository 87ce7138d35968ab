/** Prints a check's figures as a small table, so every run shows what it measured. */
export function report(title: string, rows: Record<string, unknown>[]): void {
  const shown = rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Array.isArray(v) ? v.length : v])));
  const columns = [...new Set(shown.flatMap((row) => Object.keys(row)))];
  const widths = columns.map((c) => Math.max(c.length, ...shown.map((row) => String(row[c] ?? '').length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i])).join(' | ');
  const text = [
    `[reliability] ${title}`,
    line(columns),
    widths.map((w) => '-'.repeat(w)).join('-+-'),
    ...shown.map((row) => line(columns.map((c) => String(row[c] ?? '')))),
  ];
  console.log(text.join('\n'));
}
