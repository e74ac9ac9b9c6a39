/**
 * The prebuilt rules the params editor offers, listed by the plugin's API (never bundled into the
 * browser), loaded once per mounted editor.
 */
import { useEffect, useState } from 'react';
import type { RuleSummary } from '../../common/api/api_types';
import { errorMessage } from '../../common/error_message';

export type PrebuiltRuleOption = Pick<RuleSummary, 'rule_id' | 'name' | 'severity'>;
export type LoadPrebuiltRules = () => Promise<readonly PrebuiltRuleOption[]>;

export type PrebuiltRulesState =
  | { readonly status: 'loading' }
  | { readonly status: 'loaded'; readonly rules: readonly PrebuiltRuleOption[] }
  | { readonly status: 'failed'; readonly message: string };

export const usePrebuiltRules = (
  load: LoadPrebuiltRules,
  onLoaded: (rules: readonly PrebuiltRuleOption[]) => void
): PrebuiltRulesState => {
  const [state, setState] = useState<PrebuiltRulesState>({ status: 'loading' });
  useEffect(() => {
    let mounted = true;
    load().then(
      (rules) => {
        if (!mounted) return;
        onLoaded(rules);
        setState({ status: 'loaded', rules });
      },
      (error: unknown) => {
        if (mounted) setState({ status: 'failed', message: errorMessage(error) });
      }
    );
    return () => {
      mounted = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- loaded once per mount: `onLoaded` changes with every render of the editor
  }, [load]);
  return state;
};
