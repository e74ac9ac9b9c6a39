/**
 * Runs the enabled rules of the embedded store on their schedules, like Kibana's task manager:
 * every tick, each enabled rule whose interval has elapsed since its previous start runs once at
 * the current time (gap catch-up comes from the recorded previous start).
 */
import { parseDuration } from '../../common/rules/date_math';
import type { EmbeddedRuleService } from './embedded_rule_service';
import type { SerialQueue } from './serial_queue';
import type { ServerLog } from './server_log';
import type { RuleStore, StoreWithRules } from '../stores/store_contract';
import { errorMessage } from '../../common/error_message';

export const DEFAULT_TICK_MS = 15_000;

export class RuleScheduler {
  private timer: NodeJS.Timeout | undefined;
  private readonly rules: RuleStore;

  constructor(
    store: StoreWithRules,
    private readonly service: EmbeddedRuleService,
    private readonly queue: SerialQueue,
    private readonly log: ServerLog,
    private readonly now: () => Date = () => new Date()
  ) {
    this.rules = store.rules;
  }

  start(tickMs: number = DEFAULT_TICK_MS): void {
    // A failed tick (the store unreadable for a moment) is logged; unhandled, it would end the process.
    this.timer = setInterval(() => {
      this.tick().catch((error: unknown) =>
        this.log.error(`scheduler tick failed: ${errorMessage(error)}`)
      );
    }, tickMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Runs the rules that are due; returns how many ran. */
  async tick(): Promise<number> {
    return this.queue.run(async () => {
      let ran = 0;
      const now = this.now();
      for (const rule of await this.rules.list()) {
        if (!rule.enabled || !this.isDue(rule.definition.interval, rule.previousStartedAt, now))
          continue;
        try {
          const result = await this.service.execute(rule, now);
          ran++;
          const created = result.createdAlertIds.length;
          this.log.info(
            `${rule.definition.name}: ${result.status}, ${created} new alert(s) in ${result.durationMs} ms`
          );
          for (const warning of result.warnings)
            this.log.warn(`${rule.definition.name}: ${warning}`);
          for (const error of result.errors) this.log.error(`${rule.definition.name}: ${error}`);
        } catch (error) {
          this.log.error(`${rule.definition.name}: execution failed: ${errorMessage(error)}`);
        }
      }
      return ran;
    });
  }

  private isDue(interval: string, previousStartedAt: number | null, now: Date): boolean {
    const parsed = parseDuration(interval);
    if (!parsed.ok) return false;
    return previousStartedAt === null || now.getTime() - previousStartedAt >= parsed.value;
  }
}
