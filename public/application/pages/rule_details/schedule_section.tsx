/** When the rule runs and which time range each run covers. */
import { EuiCode, EuiDescriptionList } from '@elastic/eui';
import { parseDateMath, parseDuration } from '../../../../common/rules/date_math';
import type { NewTermsRuleDefinition } from '../../../../common/rules/rule_schema';
import { SectionPanel } from './section_panel';

const UNITS: ReadonlyArray<readonly [string, number]> = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1_000],
];

/** `240000` → `4m`; the largest unit that divides the duration exactly. */
export const formatDuration = (ms: number): string => {
  for (const [unit, size] of UNITS) if (ms % size === 0 && ms >= size) return `${ms / size}${unit}`;
  return `${ms}ms`;
};

/** How far each run reaches back beyond its interval (Kibana's "additional look-back time"). */
export const additionalLookBack = (
  rule: Pick<NewTermsRuleDefinition, 'from' | 'to' | 'interval'>
): string | undefined => {
  const now = new Date();
  const from = parseDateMath(rule.from, now);
  const to = parseDateMath(rule.to, now, true);
  const interval = parseDuration(rule.interval);
  if (!from.ok || !to.ok || !interval.ok) return undefined;
  const extra = to.value.getTime() - from.value.getTime() - interval.value;
  return extra > 0 ? formatDuration(extra) : undefined;
};

export const ScheduleSection = ({ rule }: { readonly rule: NewTermsRuleDefinition }) => {
  const lookBack = additionalLookBack(rule);
  return (
    <SectionPanel title="Schedule" data-test-subj="ctdRuleSchedule">
      <EuiDescriptionList
        compressed
        type="column"
        columnWidths={[1, 3]}
        listItems={[
          { title: 'Runs every', description: rule.interval },
          {
            title: 'Each run covers',
            description: (
              <>
                <EuiCode>{rule.from}</EuiCode> to <EuiCode>{rule.to}</EuiCode>
              </>
            ),
          },
          { title: 'Additional look-back time', description: lookBack ?? 'None' },
        ]}
      />
    </SectionPanel>
  );
};
