/**
 * The alerts client a rule executor gets, as the test host plays it, and the documents the
 * framework writes from what was reported once the executor returns.
 * Kibana (9.x), x-pack/platform/plugins/shared/alerting/server/:
 * - alerts_client/alerts_client.ts (report, setAlertData, isTrackedAlert) and
 *   alert/create_alert_factory.ts (the per-run alert limit and its bookkeeping);
 * - alerts_client/lib/build_new_alert.ts, build_ongoing_alert.ts, format_rule.ts (documents):
 *   the stripped payload, then the rule's fields, then the framework's, which win.
 */
import { randomUUID } from 'crypto';
import type { AnyRuleType } from './rule_type_registry';
import { stripFrameworkFields } from './strip_framework_fields';

/** Kibana: xpack.alerting.rules.run.alerts.max default. */
export const DEFAULT_MAX_ALERTS = 1000;

/** An alert active after a run, as task state keeps it for the next run. */
export interface TrackedAlert {
  readonly uuid: string;
  readonly start: string;
  readonly activeCount: number;
}

/** The rule fields the framework copies onto each alert (Kibana: AlertRuleData). */
export interface AlertRuleData {
  readonly id: string;
  readonly name: string;
  readonly consumer: string;
  readonly tags: readonly string[];
  readonly parameters: Record<string, unknown>;
  readonly revision: number;
  readonly spaceId: string;
  readonly executionId: string;
}

export interface ReportedAlertInput {
  readonly id: string;
  readonly actionGroup: string;
  readonly state?: Record<string, unknown>;
  readonly context?: Record<string, unknown>;
  readonly payload?: unknown;
}

/** One document to write: `create` for a new alert, `update` (merged over the stored one) for an ongoing one. */
export interface AlertWrite {
  readonly operation: 'create' | 'update';
  readonly uuid: string;
  readonly document: Record<string, unknown>;
}

interface ReportedAlert {
  readonly uuid: string;
  readonly start: string;
  readonly actionGroup: string;
  readonly activeCount: number;
  readonly isNew: boolean;
  payload: unknown;
}

/** Kibana: formatRule — rule.category is the rule type's name. */
const ruleFields = (rule: AlertRuleData, type: AnyRuleType): Record<string, unknown> => ({
  'kibana.alert.rule.category': type.name,
  'kibana.alert.rule.consumer': rule.consumer,
  'kibana.alert.rule.execution.uuid': rule.executionId,
  'kibana.alert.rule.name': rule.name,
  'kibana.alert.rule.parameters': rule.parameters,
  'kibana.alert.rule.producer': type.producer,
  'kibana.alert.rule.revision': rule.revision,
  'kibana.alert.rule.rule_type_id': type.id,
  'kibana.alert.rule.tags': [...rule.tags],
  'kibana.alert.rule.uuid': rule.id,
  'kibana.space_ids': [rule.spaceId],
});

const MICROS_PER_MILLI = 1000;

export class HostAlertsClient {
  private readonly reported = new Map<string, ReportedAlert>();
  private created = 0;
  private limitRequested = false;
  private limitAnswered = false;
  private limitReached = false;

  constructor(
    private readonly type: AnyRuleType,
    private readonly rule: AlertRuleData,
    /** Alerts active after the previous run. */
    private readonly tracked: ReadonlyMap<string, TrackedAlert>,
    private readonly startedAt: string,
    private readonly kibanaVersion: string,
    private readonly maxAlerts = DEFAULT_MAX_ALERTS
  ) {}

  /** Kibana: report → alertFactory.create; every call counts against the limit, a repeat replaces the payload. */
  report(alert: ReportedAlertInput): { uuid: string; start: string } {
    if (this.created++ >= this.maxAlerts) {
      this.limitReached = true;
      throw new Error(`Rule reported more than ${this.maxAlerts} alerts.`);
    }
    const existing = this.reported.get(alert.id);
    const previous = this.tracked.get(alert.id);
    const entry: ReportedAlert = existing ?? {
      uuid: previous?.uuid ?? randomUUID(),
      start: previous?.start ?? this.startedAt,
      actionGroup: alert.actionGroup,
      activeCount: (previous?.activeCount ?? 0) + 1,
      isNew: previous === undefined,
      payload: undefined,
    };
    if (alert.payload !== undefined) entry.payload = alert.payload;
    this.reported.set(alert.id, entry);
    return { uuid: entry.uuid, start: entry.start };
  }

  /** Kibana: setAlertData — only for an alert reported in this run. */
  setAlertData(alert: { id: string; payload?: unknown }): void {
    const entry = this.reported.get(alert.id);
    if (entry === undefined)
      throw new Error(
        `Cannot set alert data for alert ${alert.id} because it has not been reported and it is not recovered.`
      );
    if (alert.payload !== undefined) entry.payload = alert.payload;
  }

  isTrackedAlert(id: string): boolean {
    return this.tracked.has(id);
  }

  getAlertLimitValue(): number {
    this.limitRequested = true;
    return this.maxAlerts;
  }

  setAlertLimitReached(reached: boolean): void {
    this.limitAnswered = true;
    this.limitReached = reached;
  }

  getRecoveredAlerts(): [] {
    return [];
  }

  hasReachedAlertLimit(): boolean {
    return this.limitReached;
  }

  /** Kibana: checkLimitUsage, run after the executor returns. */
  checkLimitUsage(): void {
    if (this.limitRequested && !this.limitAnswered) {
      throw new Error(
        'Rule has not reported whether alert limit has been reached after requesting limit value!'
      );
    }
  }

  /** The documents the framework writes for this run's reported alerts. */
  alertWrites(): AlertWrite[] {
    return [...this.reported.entries()].map(([id, alert]) => ({
      operation: alert.isNew ? 'create' : 'update',
      uuid: alert.uuid,
      document: this.documentFor(id, alert),
    }));
  }

  /** What the next run sees as tracked (only this run's alerts: nothing else stays active). */
  trackedAfterRun(): Map<string, TrackedAlert> {
    return new Map(
      [...this.reported.entries()].map(([id, alert]) => [
        id,
        { uuid: alert.uuid, start: alert.start, activeCount: alert.activeCount },
      ])
    );
  }

  private documentFor(id: string, alert: ReportedAlert): Record<string, unknown> {
    const payload = stripFrameworkFields(alert.payload);
    const payloadTags = Array.isArray(payload.tags) ? (payload.tags as unknown[]) : [];
    const durationMs = Date.parse(this.startedAt) - Date.parse(alert.start);
    const workflowStatus =
      payload['kibana.alert.workflow_status'] ?? (alert.isNew ? 'open' : undefined);
    return {
      ...payload,
      ...ruleFields(this.rule, this.type),
      '@timestamp': this.startedAt,
      'event.action': alert.isNew ? 'open' : 'active',
      'event.kind': 'signal',
      'kibana.alert.rule.execution.timestamp': this.startedAt,
      'kibana.alert.action_group': alert.actionGroup,
      'kibana.alert.flapping': false,
      'kibana.alert.flapping_history': [true],
      'kibana.alert.instance.id': id,
      'kibana.alert.maintenance_window_ids': [],
      'kibana.alert.consecutive_matches': alert.activeCount,
      'kibana.alert.pending_recovered_count': 0,
      'kibana.alert.status': 'active',
      'kibana.alert.uuid': alert.uuid,
      'kibana.alert.severity_improving': false,
      // An ongoing alert keeps the stored workflow status (an analyst's triage) unless the payload sets one.
      ...(workflowStatus === undefined ? {} : { 'kibana.alert.workflow_status': workflowStatus }),
      'kibana.alert.duration.us': durationMs * MICROS_PER_MILLI,
      'kibana.alert.start': alert.start,
      'kibana.alert.time_range': { gte: alert.start },
      'kibana.version': this.kibanaVersion,
      tags: [...new Set([...payloadTags, ...this.rule.tags])],
    };
  }
}
