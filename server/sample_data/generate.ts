/**
 * `generateEvents`: a lazy, time-ordered stream of Defend process documents. The few thousand
 * planned events (warm-up, daily routine, planted) are merged with noise drawn slot by slot, so
 * memory stays flat whatever `totalEvents` is.
 */

import type { EcsEvent } from './defend_event';
import type { EventTiming } from './event_spec';
import { Materializer } from './materialize';
import { NoiseSource } from './noise';
import { buildScenario } from './scenario';
import type { GeneratorOptions } from './scenario';
import type { Random } from './random';

const MIN_INGEST_DELAY_MS = 200;
const MAX_INGEST_DELAY_MS = 3000;

/**
 * Noise event `i` of `count` falls at a random point of the i-th of `count` equal slots of
 * [startMs, endMs), so timestamps are non-decreasing without sorting anything.
 */
class NoiseClock {
  private index = 0;
  /** Position inside the current slot, drawn when the slot becomes current. */
  private offset: number;

  constructor(
    private readonly startMs: number,
    private readonly slotMs: number,
    private readonly count: number,
    private readonly rng: Random,
    private readonly missingIngestedRatio: number
  ) {
    this.offset = count > 0 ? rng.next() : 0;
  }

  get remaining(): number {
    return this.count - this.index;
  }

  peekMs(): number {
    return Math.floor(this.startMs + (this.index + this.offset) * this.slotMs);
  }

  take(): EventTiming {
    const timestampMs = this.peekMs();
    const ingestDelayMs = this.rng.chance(this.missingIngestedRatio)
      ? null
      : this.rng.int(MIN_INGEST_DELAY_MS, MAX_INGEST_DELAY_MS);
    this.index++;
    this.offset = this.rng.next();
    return { timestampMs, ingestDelayMs };
  }
}

export function* generateEvents(
  options: GeneratorOptions = {}
): Generator<EcsEvent, void, undefined> {
  const scenario = buildScenario(options);
  const { plan, fixed } = scenario;
  const noiseCount = plan.noiseEvents;
  const clock = new NoiseClock(
    scenario.noiseStartMs,
    noiseCount === 0 ? 0 : (scenario.endMs - scenario.noiseStartMs) / noiseCount,
    noiseCount,
    scenario.rng.fork('noise-clock'),
    plan.options.missingIngestedRatio
  );
  const noise = new NoiseSource(scenario.noise, scenario.rng.fork('noise'));
  const materializer = new Materializer(scenario.fleet, scenario.rng.fork('materialize'));
  let fixedIndex = 0;
  while (fixedIndex < fixed.length || clock.remaining > 0) {
    const nextFixed = fixed[fixedIndex];
    // Ties go to the planned event: it was placed first on purpose (warm-up, story order).
    if (
      nextFixed !== undefined &&
      (clock.remaining === 0 || nextFixed.timestampMs <= clock.peekMs())
    ) {
      fixedIndex++;
      yield materializer.build(nextFixed);
      continue;
    }
    yield materializer.build(noise.next(clock.take()));
  }
}
