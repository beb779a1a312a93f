/** CSV as RFC 4180 writes it, built in the browser from what a table shows. */

export type Cell = string | number | boolean | null;

/** A spreadsheet reads a text cell starting with one of these as a formula; an apostrophe makes it text, as the API's CSV does. */
const FORMULA_STARTS = /^[=+\-@\t\r]/;

export function csvOf(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return [header, ...rows].map((cells) => cells.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

function csvCell(cell: Cell): string {
  if (cell === null) return '';
  // Numbers stay numbers (a negative NPS is no formula); only text people typed can be one.
  const text = typeof cell === 'string' && FORMULA_STARTS.test(cell) ? `'${cell}` : String(cell);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
