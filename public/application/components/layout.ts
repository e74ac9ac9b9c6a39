/**
 * Where the app's wide layouts give way. EUI turns a table into cards only below 575 px, but our
 * rules and alerts tables hold more fixed-width columns than an 800 px window fits, which squeezed
 * the text columns to a letter per line; below EUI's `l` breakpoint (992 px) they show as cards,
 * and the rule details grid as one column.
 */
export const WIDE_LAYOUT_BREAKPOINT = 'l';
