/**
 * CSV as RFC 4180 writes it: fields separated by commas, records by CRLF, a field quoted when it
 * holds a quote, comma, CR or LF, with its quotes doubled. Text that a spreadsheet would run as a
 * formula (starting with =, +, -, @, tab or CR: OWASP's "CSV injection" list) is prefixed with a
 * single quote, as Kibana's CSV export does under `csv.escapeFormulaValues`. Numbers are written
 * as numbers: they are not text an attacker chose.
 */
export type CsvValue = string | number | null;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;
const QUOTE = /"/g;
const RECORD_SEPARATOR = '\r\n';

/** Text that starts like a formula, made inert for spreadsheets. */
export const neutraliseFormula = (text: string): string =>
  FORMULA_START.test(text) ? `'${text}` : text;

/** One field; null is an empty field. */
export const csvField = (value: CsvValue): string => {
  if (value === null) return '';
  const text = typeof value === 'number' ? String(value) : neutraliseFormula(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(QUOTE, '""')}"` : text;
};

export const csvRecord = (values: readonly CsvValue[]): string => values.map(csvField).join(',');

/** A header record, then one record per row, each ended by CRLF. */
export const toCsv = (
  header: readonly string[],
  rows: ReadonlyArray<readonly CsvValue[]>
): string => [header, ...rows].map((values) => csvRecord(values) + RECORD_SEPARATOR).join('');
