/**
 * Names the step of a run that failed. The executor talks to a store through five calls; a store
 * error alone ("503 Service Unavailable for the search of logs-*") does not say which phase was
 * cut short, so the run wraps its source and sink to label errors with the step, and records
 * every alert id the sink reports as written, including those of a window that then failed.
 */
import type { AlertDocument } from '../../common/alerts/alert_document';
import { IncompleteAlertWriteError } from './incomplete_alert_write_error';
import { RunStepError, type RunStep } from './run_step_error';
import { TermBatchTooLargeError } from './types';
import {
  canSuppress,
  type AlertSink,
  type NewTermsEventSource,
  type SuppressingAlertSink,
  type SuppressionTarget,
  type SuppressionUpdate,
} from '../stores/store_contract';

const labelled = async <T>(step: RunStep, call: () => Promise<T>): Promise<T> => {
  try {
    return await call();
  } catch (error) {
    // The executor answers this one itself (it halves the batch), so it must reach it unchanged.
    if (error instanceof TermBatchTooLargeError || error instanceof RunStepError) throw error;
    throw new RunStepError(step, error);
  }
};

export const labelSourceSteps = (source: NewTermsEventSource): NewTermsEventSource => ({
  ...(source.termsPerSearch === undefined ? {} : { termsPerSearch: source.termsPerSearch }),
  ...(source.pagesPerSearch === undefined ? {} : { pagesPerSearch: source.pagesPerSearch }),
  recentTerms: (search, range, page, alsoNew) =>
    labelled('recent terms search', () => source.recentTerms(search, range, page, alsoNew)),
  newTerms: (search, history, newAfter, candidates) =>
    labelled('history search', () => source.newTerms(search, history, newAfter, candidates)),
  firstDocuments: (search, range, terms) =>
    labelled('first documents search', () => source.firstDocuments(search, range, terms)),
});

/** A sink that labels its errors and remembers every id written through it. */
export class RecordingSink implements SuppressingAlertSink {
  private readonly written: string[] = [];

  constructor(private readonly sink: AlertSink) {}

  get writtenIds(): readonly string[] {
    return this.written;
  }

  /** Whether the wrapped sink can fold alerts into stored ones (alert suppression). */
  get suppresses(): boolean {
    return canSuppress(this.sink);
  }

  suppressionTargets(
    instanceIds: readonly string[],
    since: number
  ): Promise<ReadonlyMap<string, SuppressionTarget>> {
    const { sink } = this;
    if (!canSuppress(sink)) throw new Error('This alert sink cannot suppress alerts');
    return labelled('suppressed alerts lookup', () => sink.suppressionTargets(instanceIds, since));
  }

  extendSuppression(updates: readonly SuppressionUpdate[]): Promise<void> {
    const { sink } = this;
    if (!canSuppress(sink)) throw new Error('This alert sink cannot suppress alerts');
    return labelled('suppressed alerts update', () => sink.extendSuppression(updates));
  }

  existingIds(ids: readonly string[]): Promise<ReadonlySet<string>> {
    return labelled('existing alerts lookup', () => this.sink.existingIds(ids));
  }

  create(alerts: readonly AlertDocument[]): Promise<readonly string[]> {
    return labelled('alert write', async () => {
      try {
        const created = await this.sink.create(alerts);
        this.written.push(...created);
        return created;
      } catch (error) {
        if (error instanceof IncompleteAlertWriteError) this.written.push(...error.createdIds);
        throw error;
      }
    });
  }
}
