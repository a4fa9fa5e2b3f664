// Seat layouts as text, one row per line from the screen backwards: s standard, p premium,
// w wheelchair space, _ gap. Mirrors the server's parser (libs/catalog seat-layout.ts) for the
// admin preview; the server stays the judge.

const KINDS = { s: 'standard', p: 'premium', w: 'wheelchair' };
export const MAX_ROWS = 26;
export const MAX_WIDTH = 60;

/**
 * Parses `text` into `{ layout: string[], map: { grid, seats }, counts }` or `{ error }` naming the
 * row and column. Blank lines at the ends are ignored; a line of `_` only is a walkway.
 */
export function parseLayout(text) {
  const layout = text.split(/\r?\n/).map((line) => line.trim());
  while (layout.length && !layout[0]) layout.shift();
  while (layout.length && !layout.at(-1)) layout.pop();
  if (!layout.length) return { error: 'Type at least one row.' };
  if (layout.length > MAX_ROWS) return { error: `At most ${MAX_ROWS} rows (got ${layout.length}).` };
  const seats = [];
  const counts = { standard: 0, premium: 0, wheelchair: 0 };
  let letters = 0;
  let columns = 0;
  for (const [rowIndex, line] of layout.entries()) {
    if (!line) return { error: `Row ${rowIndex + 1} is empty; use _ for a walkway.` };
    if (line.length > MAX_WIDTH)
      return { error: `Row ${rowIndex + 1} is ${line.length} characters wide; at most ${MAX_WIDTH}.` };
    columns = Math.max(columns, line.length);
    const row = String.fromCharCode(65 + letters);
    let number = 0;
    for (const [col, char] of [...line].entries()) {
      if (char === '_') continue;
      const kind = KINDS[char];
      if (!kind) return { error: `Row ${rowIndex + 1} has “${char}” at column ${col + 1}; use s, p, w or _.` };
      number += 1;
      counts[kind] += 1;
      seats.push({
        id: seats.length + 1,
        label: `${row}${number}`,
        row,
        number,
        rowIndex,
        col,
        kind,
        state: 'available',
      });
    }
    if (number) letters += 1;
  }
  if (!seats.length) return { error: 'The layout has no seats; use s, p or w for seats.' };
  return { layout, map: { grid: { rows: layout.length, columns }, seats }, counts };
}
