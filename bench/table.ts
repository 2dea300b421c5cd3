/** The median of some numbers (the upper one of an even count). */
export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * Prints a table the way every benchmark section does: the header row, a rule, then the rows; columns
 * listed in `rightAligned` (numbers) are padded on the left, the others on the right.
 */
export function printTable(title: string, rows: string[][], rightAligned: ReadonlySet<number>): void {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  console.log(`\n${title}\n`);
  for (const [i, row] of rows.entries()) {
    console.log(row.map((cell, c) => (rightAligned.has(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd());
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
}

/** `OK` when a measured value meets its target, else `MISS`. */
export const verdict = (met: boolean) => (met ? 'OK' : 'MISS');
