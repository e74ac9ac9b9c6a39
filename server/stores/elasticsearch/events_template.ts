import type { Client } from '@elastic/elasticsearch';
import type { IndicesPutIndexTemplateRequest } from '@elastic/elasticsearch/lib/api/types';
import type { FieldTypeMap } from '../../../common/ecs/field_types';
import { indexNameProblem } from '../../ingest/index_names';
import { eventsIndexTemplate, type FieldTypeSubstitutes } from './ecs_mappings';

/** The ingest options the template is built with (see EsIngestOptions). */
export interface EventsTemplateOptions {
  readonly templatePriority?: number;
  readonly substitutes?: FieldTypeSubstitutes;
}

/**
 * Names the template may be widened to: ones ES would create (the preparer has refused the others
 * already), but not dot names, which are hidden or system indices (or a data stream's backing index).
 */
const isCreatableIndexName = (name: string): boolean =>
  indexNameProblem(name) === undefined && !name.startsWith('.');

const globToRegExp = (pattern: string): RegExp =>
  new RegExp(
    `^${pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`
  );

/**
 * The events index template, kept covering every index the data creates. Templates apply when an
 * index is created, so an index the data targets outside the fixed patterns (an exported hit's
 * `_index`, a `data_stream.*` other than Defend's, `defaultIndex`) is added by exact name before
 * the first batch that writes to it. Indices that already exist keep their mapping and are not
 * added; dot names (hidden or system indices) are left out.
 */
export class EventsTemplate {
  private readonly request: IndicesPutIndexTemplateRequest;
  private readonly patterns: string[];
  private readonly matchers: RegExp[];
  private readonly decided = new Set<string>();
  private stale = true;

  constructor(
    private readonly client: Client,
    name: string,
    basePatterns: readonly string[],
    fieldTypes: FieldTypeMap,
    options: EventsTemplateOptions
  ) {
    this.request = eventsIndexTemplate(name, basePatterns, fieldTypes, {
      ...(options.substitutes ? { substitutes: options.substitutes } : {}),
      ...(options.templatePriority !== undefined ? { priority: options.templatePriority } : {}),
    });
    this.patterns = [...basePatterns];
    this.matchers = basePatterns.map(globToRegExp);
  }

  get name(): string {
    return this.request.name;
  }

  /** Puts the template if it has never been put or must now cover more of `indices`. */
  async cover(indices: Iterable<string>): Promise<void> {
    for (const index of indices) {
      if (this.decided.has(index)) continue;
      this.decided.add(index);
      if (!isCreatableIndexName(index) || this.matchers.some((matcher) => matcher.test(index)))
        continue;
      if (await this.client.indices.exists({ index })) continue;
      this.patterns.push(index);
      this.matchers.push(globToRegExp(index));
      this.stale = true;
    }
    if (!this.stale || this.patterns.length === 0) return;
    await this.client.indices.putIndexTemplate({
      ...this.request,
      index_patterns: [...this.patterns],
    });
    this.stale = false;
  }
}
