/**
 * Deterministic alert ids (docs/new_terms.md#alert-id). Kibana hashes
 * `[index, id, version, "<space>:<rule>", newTerms]` with `object-hash`; we hash the same tuple the
 * same way, so an event and term seen by two overlapping windows, a retried run, or the other
 * store yields the same id and is stored once. `_version` is never requested by Kibana's searches
 * and hashes as the string "undefined"; we keep that so ids stay comparable with Kibana's.
 */
import objectHash from 'object-hash';
import type { TermTuple } from './types';

const UNREQUESTED_VERSION = String(undefined);

export interface AlertIdInput {
  readonly index: string;
  readonly id: string;
  readonly spaceId: string;
  /** The rule instance (Kibana: the rule saved object id), not the prebuilt rule_id. */
  readonly ruleUuid: string;
  readonly newTerms: TermTuple;
}

export const buildAlertId = ({ index, id, spaceId, ruleUuid, newTerms }: AlertIdInput): string =>
  objectHash([index, id, UNREQUESTED_VERSION, `${spaceId}:${ruleUuid}`, [...newTerms]]);
