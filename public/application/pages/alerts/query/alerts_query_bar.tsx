/**
 * The alerts page's KQL search bar. What is typed is parsed in the browser by the same parser the
 * server uses (debounced), so a syntax error shows its line, column and message while typing;
 * Enter or the search button submits a query that parses. Field names are suggested as they are
 * typed (a listbox: arrow keys move, Enter or Tab inserts, Escape closes).
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import {
  EuiButton,
  EuiFieldSearch,
  EuiFlexGroup,
  EuiFlexItem,
  EuiFormRow,
  EuiInputPopover,
  EuiListGroup,
  EuiListGroupItem,
  useGeneratedHtmlId,
} from '@elastic/eui';
import { parseKql } from '../../../../../common/kql/parse';
import type { KqlErrorDetails } from '../../../../../common/kql/kql_syntax_error';
import { fieldPrefixAt, insertField, suggestFields } from './query_fields';

/** How long typing must pause before the query is parsed. */
export const PARSE_DEBOUNCE_MS = 250;

export interface AlertsQueryBarProps {
  /** The submitted query (from the URL). */
  readonly query: string;
  readonly onSubmit: (query: string) => void;
  /** Field names to suggest; the built-in list while absent (not loaded, or not available). */
  readonly fields?: readonly string[];
}

/** The error text under the bar: where, then what. */
export const describeKqlError = (error: KqlErrorDetails): string =>
  `KQL syntax error at line ${error.line}, column ${error.column}: ${error.message}`;

const syntaxErrorOf = (text: string): KqlErrorDetails | undefined => {
  if (text.trim() === '') return undefined;
  const parsed = parseKql(text);
  return parsed.ok ? undefined : parsed.error;
};

/** The draft's syntax error, recomputed once typing pauses. */
const useDebouncedSyntaxError = (draft: string): KqlErrorDetails | undefined => {
  const [error, setError] = useState<KqlErrorDetails | undefined>(() => syntaxErrorOf(draft));
  useEffect(() => {
    const timer = setTimeout(() => setError(syntaxErrorOf(draft)), PARSE_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [draft]);
  return error;
};

export const AlertsQueryBar = ({ query, onSubmit, fields }: AlertsQueryBarProps) => {
  const [draft, setDraft] = useState(query);
  const [followed, setFollowed] = useState(query);
  if (followed !== query) {
    // A new submitted query (back/forward, a pill's link): show it.
    setFollowed(query);
    setDraft(query);
  }
  const [caret, setCaret] = useState(query.length);
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState(false);
  const input = useRef<HTMLInputElement | null>(null);
  const baseId = useGeneratedHtmlId({ prefix: 'ctdAlertsQuery' });
  const listId = `${baseId}-fields`;
  const inputId = `${baseId}-input`;
  const error = useDebouncedSyntaxError(draft);

  const suggestions = dismissed ? [] : suggestFields(fieldPrefixAt(draft, caret).prefix, fields);
  const open = suggestions.length > 0;
  const activeIndex = Math.min(active, suggestions.length - 1);

  const edit = (text: string, at: number) => {
    setDraft(text);
    setCaret(at);
    setActive(0);
    setDismissed(false);
  };

  const choose = (field: string) => {
    const next = insertField(draft, caret, field);
    edit(next.text, next.caret);
    setDismissed(true);
    requestAnimationFrame(() => input.current?.setSelectionRange(next.caret, next.caret));
  };

  const submit = () => {
    if (syntaxErrorOf(draft) === undefined) onSubmit(draft);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (open && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((activeIndex + step + suggestions.length) % suggestions.length);
      return;
    }
    if (open && (event.key === 'Enter' || event.key === 'Tab')) {
      const field = suggestions[activeIndex];
      if (field !== undefined) {
        event.preventDefault();
        choose(field);
        return;
      }
    }
    // Escape only closes the suggestions, as in Kibana's query bar: a search input's own Escape
    // (Chromium) would wipe the query being written.
    if (event.key === 'Escape') {
      event.preventDefault();
      setDismissed(true);
      return;
    }
    if (event.key === 'Enter') {
      event.preventDefault();
      submit();
    }
  };

  const optionId = (index: number) => `${listId}-option-${index}`;
  return (
    <EuiFlexGroup gutterSize="s" alignItems="flexStart" responsive={false}>
      <EuiFlexItem>
        <EuiFormRow
          fullWidth
          label="Search alerts (KQL)"
          id={inputId}
          isInvalid={error !== undefined}
          error={error === undefined ? undefined : describeKqlError(error)}
          data-test-subj="alertsQueryRow"
        >
          <EuiInputPopover
            fullWidth
            isOpen={open}
            closePopover={() => setDismissed(true)}
            disableFocusTrap
            ownFocus={false}
            panelPaddingSize="none"
            input={
              <EuiFieldSearch
                id={inputId}
                fullWidth
                inputRef={(element) => {
                  input.current = element;
                }}
                value={draft}
                placeholder='host.name: "node-1" and not process.name: bash'
                isInvalid={error !== undefined}
                incremental={false}
                onChange={(event) =>
                  edit(event.target.value, event.target.selectionStart ?? event.target.value.length)
                }
                onSelect={(event) =>
                  setCaret(event.currentTarget.selectionStart ?? event.currentTarget.value.length)
                }
                onKeyDown={onKeyDown}
                role="combobox"
                aria-autocomplete="list"
                aria-expanded={open}
                aria-controls={listId}
                {...(open ? { 'aria-activedescendant': optionId(activeIndex) } : {})}
                data-test-subj="alertsQueryInput"
              />
            }
          >
            <EuiListGroup
              id={listId}
              role="listbox"
              aria-label="Field names"
              flush
              gutterSize="none"
              data-test-subj="alertsQuerySuggestions"
            >
              {suggestions.map((field, index) => (
                <EuiListGroupItem
                  key={field}
                  id={optionId(index)}
                  role="option"
                  aria-selected={index === activeIndex}
                  isActive={index === activeIndex}
                  size="s"
                  label={field}
                  onClick={() => choose(field)}
                />
              ))}
            </EuiListGroup>
          </EuiInputPopover>
        </EuiFormRow>
      </EuiFlexItem>
      <EuiFlexItem grow={false}>
        <EuiFormRow hasEmptyLabelSpace id={`${baseId}-submit`}>
          <EuiButton
            iconType="search"
            onClick={submit}
            isDisabled={error !== undefined}
            data-test-subj="alertsQuerySubmit"
          >
            Search
          </EuiButton>
        </EuiFormRow>
      </EuiFlexItem>
    </EuiFlexGroup>
  );
};
