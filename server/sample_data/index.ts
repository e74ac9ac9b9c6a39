/** Deterministic Elastic Defend process event generator and its ground truth. */

export { generateEvents } from './generate';
export {
  DEFAULT_DAYS,
  DEFAULT_END,
  DEFAULT_SEED,
  DEFAULT_TOTAL_EVENTS,
  RULES,
  WARM_UP_MS,
  planScenario,
  resolveOptions,
} from './scenario';
export type {
  GeneratorOptions,
  PlantedNegative,
  PlantedTerm,
  ResolvedOptions,
  RoutineTerm,
  RuleExpectation,
  ScenarioPlan,
} from './scenario';
export { INTERACTIVE_RULE, PRIVILEGED_RULE } from './planted';
export type { NearMissKind, RuleKey } from './planted';
export { buildProcessEvent } from './defend_event';
export type {
  DefendEventInput,
  EcsEvent,
  EcsObject,
  EcsValue,
  ProcessAction,
  ProcessSnapshot,
} from './defend_event';
export { writeNdjson } from './ndjson_writer';
export type { NdjsonWriteOptions, NdjsonWriteResult } from './ndjson_writer';
export { Random } from './random';
