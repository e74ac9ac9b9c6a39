/**
 * How long `waitFor` and `findBy*` wait in the UI tests. The pages talk to a real in-process API
 * over DuckDB; with every suite in one process on two cores (as CI runs them), a page that needs
 * two round trips (a search past the last page, then the last page) has been seen to take longer
 * than testing-library's default of one second.
 */
export const UI_WAIT_MS = 5_000;
