/**
 * A value read back from a store (a DuckDB VARCHAR cell, a keyword field of a stored document) as
 * text, spelled as `String()` spells it. Rows and documents come back untyped (`unknown`); the
 * values met here are strings, so this is the identity for them, and anything else keeps the text
 * `String()` always gave it.
 */
export const storedText = (value: unknown): string => String(value);
