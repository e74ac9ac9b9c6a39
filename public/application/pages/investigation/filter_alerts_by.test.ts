import { parseQuery } from '../../routing';
import { alertsPathWithPill } from './filter_alerts_by';

const queryOf = (path: string): Record<string, string> => parseQuery(path.slice(path.indexOf('?')));

describe('alertsPathWithPill', () => {
  it('keeps the list the user came from, adds the pill and goes back to the first page', () => {
    const path = alertsPathWithPill(
      { status: 'closed', query: 'host.name: a*', page: '3', from: 'now-7d' },
      { field: 'container.id', value: 'c0:ffee "x"', negate: true }
    );
    expect(path.startsWith('/alerts?')).toBe(true);
    const query = queryOf(path);
    expect(query).toMatchObject({ status: 'closed', query: 'host.name: a*', from: 'now-7d' });
    expect(query.page).toBeUndefined();
    expect(JSON.parse(query.filters ?? '[]')).toEqual([
      { field: 'container.id', value: 'c0:ffee "x"', negate: true },
    ]);
  });

  it('adds to the pills already there, once', () => {
    const first = queryOf(
      alertsPathWithPill({}, { field: 'host.name', value: 'node-1', negate: false })
    );
    const second = queryOf(
      alertsPathWithPill(first, { field: 'user.name', value: 'root', negate: false })
    );
    expect(JSON.parse(second.filters ?? '[]')).toEqual([
      { field: 'host.name', value: 'node-1', negate: false },
      { field: 'user.name', value: 'root', negate: false },
    ]);
    const again = queryOf(
      alertsPathWithPill(second, { field: 'user.name', value: 'root', negate: false })
    );
    expect(JSON.parse(again.filters ?? '[]')).toHaveLength(2);
  });
});
