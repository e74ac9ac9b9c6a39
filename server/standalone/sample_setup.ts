/**
 * First start of the standalone server: an empty store gets generated Defend events ending now,
 * both prebuilt rules' schedules are replayed over them (so a newcomer sees real alerts within
 * a minute), and the rules are installed and enabled so they keep running on new data.
 */
import { PREBUILT_RULES } from '../../common/rules/catalog';
import { generateEvents } from '../sample_data';
import { replayRule } from '../replay/replay_schedule';
import type { StoreWithRules } from '../stores/store_contract';
import type { ServerLog } from './server_log';

export const SAMPLE_EVENT_COUNT = 20_000;

async function* ndjsonChunks(
  events: Iterable<Record<string, unknown>>
): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  let batch: string[] = [];
  for (const event of events) {
    batch.push(JSON.stringify(event));
    if (batch.length === 1_000) {
      yield encoder.encode(`${batch.join('\n')}\n`);
      batch = [];
    }
  }
  if (batch.length > 0) yield encoder.encode(`${batch.join('\n')}\n`);
}

export const loadSampleData = async (
  store: StoreWithRules,
  log: ServerLog,
  eventCount = SAMPLE_EVENT_COUNT,
  now: Date = new Date()
): Promise<void> => {
  log.info(
    `empty store: loading ${eventCount.toLocaleString('en-US')} generated Defend events ending now`
  );
  const summary = await store.ingest(
    [
      {
        name: 'sample events',
        chunks: ndjsonChunks(generateEvents({ totalEvents: eventCount, end: now })),
        totalBytes: 0,
      },
    ],
    { onProgress: (p) => log.progress(`sample events: ${p.stored.toLocaleString('en-US')} stored`) }
  );
  log.info(
    `sample events stored: ${summary.stored.toLocaleString('en-US')} in ${(summary.durationMs / 1000).toFixed(1)} s`
  );
  const { rules } = store;
  for (const definition of PREBUILT_RULES) {
    const installed = await rules.install(definition, true, now);
    const replay = await replayRule(store, installed, {
      onProgress: ({ done, total }) =>
        log.progress(
          `${definition.name}: replaying the schedule ${Math.round((100 * done) / total)}%`
        ),
    });
    log.info(
      `${definition.name}: ${replay.alertIds.length} alert(s) from the sample history (${replay.executedWindows} windows run)`
    );
    await rules.recordExecution({
      rule: installed,
      executionId: `sample-replay-${definition.rule_id}`,
      startedAt: now,
      status: replay.errors.length > 0 ? 'failed' : 'succeeded',
      alertsCreated: replay.alertIds.length,
      durationMs: replay.durationMs,
      message: [...replay.errors, ...replay.warnings].join(' ') || null,
      // The replay's schedule as one window: its own executions are not recorded one by one.
      windows:
        replay.scheduleStart === null || replay.scheduleEnd === null
          ? []
          : [{ from: replay.scheduleStart, to: replay.scheduleEnd }],
      termsEvaluated: null,
      warnings: replay.warnings,
      errors: replay.errors,
      gap: null,
    });
  }
};
