/**
 * Filter in / filter out / copy beside a field's value, as Kibana's cell actions offer them. The
 * page decides what filtering does (add a pill here, open the alerts page with it elsewhere) by
 * providing `CellFilterContext`; without a provider only copying is offered. Values are shown as
 * React text, never as markup.
 */
import { createContext, useContext, useState, type ReactNode } from 'react';
import { EuiButtonIcon, copyToClipboard } from '@elastic/eui';
import type { AlertPill } from './alert_pills';

export type CellFilter = (pill: AlertPill) => void;

export const CellFilterContext = createContext<CellFilter | undefined>(undefined);

/**
 * The buttons show while the pointer is over the value or focus is inside it, as Kibana's cell
 * actions do: a table of values each with three icons is hard to read. Transparent rather than
 * hidden, so Tab still reaches them (and focusing one shows them).
 */
const buttonsStyle = (shown: boolean) =>
  ({ marginInlineStart: 4, whiteSpace: 'nowrap', opacity: shown ? 1 : 0 }) as const;

/** Longest part of a value an action's label repeats. */
const MAX_LABEL_VALUE_CHARS = 64;

const labelValue = (value: string): string =>
  value.length > MAX_LABEL_VALUE_CHARS ? `${value.slice(0, MAX_LABEL_VALUE_CHARS)}…` : value;

export interface CellActionsProps {
  readonly field: string;
  readonly value: string;
  /** What the cell shows; the value itself when absent. */
  readonly children?: ReactNode;
}

export const CellActions = ({ field, value, children }: CellActionsProps) => {
  const onFilter = useContext(CellFilterContext);
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const shown = labelValue(value);
  return (
    <span
      className="ctdCellActions"
      data-test-subj="ctdCellActions"
      onMouseEnter={() => setHovered(true)}
      onMouseLeave={() => setHovered(false)}
      onFocus={() => setFocused(true)}
      onBlur={() => setFocused(false)}
    >
      {children ?? value}
      <span className="ctdCellActions__buttons" style={buttonsStyle(hovered || focused)}>
        {onFilter === undefined ? null : (
          <>
            <EuiButtonIcon
              size="xs"
              iconType="plusInCircle"
              aria-label={`Filter for ${field}: ${shown}`}
              title={`Filter for ${field}`}
              onClick={() => onFilter({ field, value, negate: false })}
              data-test-subj="ctdFilterIn"
            />
            <EuiButtonIcon
              size="xs"
              iconType="minusInCircle"
              aria-label={`Filter out ${field}: ${shown}`}
              title={`Filter out ${field}`}
              onClick={() => onFilter({ field, value, negate: true })}
              data-test-subj="ctdFilterOut"
            />
          </>
        )}
        <EuiButtonIcon
          size="xs"
          iconType="copyClipboard"
          aria-label={`Copy ${field}: ${shown}`}
          title="Copy value"
          onClick={() => copyToClipboard(value)}
          data-test-subj="ctdCopyValue"
        />
      </span>
    </span>
  );
};
