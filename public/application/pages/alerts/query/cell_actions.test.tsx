/** @jest-environment jsdom */
/**
 * A value's cell actions: filter in / out reach the page's handler with the value as a pill; the
 * buttons show only while the pointer is over the value or focus is inside it, and stay reachable
 * by keyboard while they do not show.
 */
import '../test_support/jsdom_shims';
import { fireEvent, screen } from '@testing-library/react';
import { renderUi } from '../../../../../test/helpers/render_ui';
import type { AlertPill } from './alert_pills';
import { CellActions, CellFilterContext } from './cell_actions';

const buttons = (): HTMLElement =>
  screen.getByTestId('ctdCellActions').querySelector('.ctdCellActions__buttons') as HTMLElement;

describe('CellActions', () => {
  it('hands the value to the filter as a pill, in or out', () => {
    const pills: AlertPill[] = [];
    renderUi(
      <CellFilterContext.Provider value={(pill) => pills.push(pill)}>
        <CellActions field="host.name" value='node "1"' />
      </CellFilterContext.Provider>
    );
    fireEvent.click(screen.getByLabelText('Filter for host.name: node "1"'));
    fireEvent.click(screen.getByLabelText('Filter out host.name: node "1"'));
    expect(pills).toEqual([
      { field: 'host.name', value: 'node "1"', negate: false },
      { field: 'host.name', value: 'node "1"', negate: true },
    ]);
  });

  it('shows its buttons on hover or focus only, focusable all along', () => {
    renderUi(
      <CellFilterContext.Provider value={() => undefined}>
        <CellActions field="container.id" value="c0ffee" />
      </CellFilterContext.Provider>
    );
    expect(buttons().style.opacity).toBe('0');
    const cell = screen.getByTestId('ctdCellActions');
    fireEvent.mouseEnter(cell);
    expect(buttons().style.opacity).toBe('1');
    fireEvent.mouseLeave(cell);
    expect(buttons().style.opacity).toBe('0');
    const copy = screen.getByLabelText('Copy container.id: c0ffee');
    expect(copy.tabIndex).not.toBe(-1);
    fireEvent.focus(copy);
    expect(buttons().style.opacity).toBe('1');
    fireEvent.blur(copy);
    expect(buttons().style.opacity).toBe('0');
  });

  it('offers only copying without a filter handler', () => {
    renderUi(<CellActions field="user.name" value="root" />);
    expect(screen.queryByLabelText('Filter for user.name: root')).toBeNull();
    expect(screen.getByLabelText('Copy user.name: root')).toBeTruthy();
  });
});
