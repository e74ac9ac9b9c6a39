/**
 * jsdom test environments lack Node's TextEncoder / TextDecoder, which the server code the
 * in-process API runs (term ordering, ingest) uses at module load. Import this before any server
 * module in a `@jest-environment jsdom` file (test/helpers/in_process_api.ts does so first).
 */
import { TextDecoder as NodeTextDecoder, TextEncoder as NodeTextEncoder } from 'util';

const globals = globalThis as { TextEncoder?: unknown; TextDecoder?: unknown };
globals.TextEncoder ??= NodeTextEncoder;
globals.TextDecoder ??= NodeTextDecoder;

export {};
