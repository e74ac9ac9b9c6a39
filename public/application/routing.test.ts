import { alertPath, alertsPath, rulePath, rulesPath, uploadPath } from './navigation';
import {
  createNavigation,
  matchPath,
  parseQuery,
  resolveRoute,
  toLocation,
  type AppHistory,
} from './routing';

describe('resolveRoute', () => {
  it('maps every app path to its page, with decoded ids', () => {
    expect(resolveRoute(rulesPath())).toEqual({ page: 'rules' });
    expect(resolveRoute('')).toEqual({ page: 'rules' });
    // The parent of every rule's page is the Rules page, not "Page not found".
    expect(resolveRoute('/rules')).toEqual({ page: 'rules' });
    expect(resolveRoute('/rules/')).toEqual({ page: 'rules' });
    expect(resolveRoute(rulePath('a/b c'))).toEqual({ page: 'ruleDetails', ruleId: 'a/b c' });
    expect(resolveRoute('/alerts')).toEqual({ page: 'alerts' });
    expect(resolveRoute('/alerts/')).toEqual({ page: 'alerts' });
    expect(resolveRoute(alertPath('x:1'))).toEqual({ page: 'investigation', alertId: 'x:1' });
    expect(resolveRoute(uploadPath())).toEqual({ page: 'upload' });
  });

  it('answers notFound for anything else, including malformed escapes', () => {
    expect(resolveRoute('/nope')).toEqual({ page: 'notFound', pathname: '/nope' });
    expect(resolveRoute('/alerts/a/b')).toEqual({ page: 'notFound', pathname: '/alerts/a/b' });
    expect(resolveRoute('/rules/%E0%A4%A')).toEqual({
      page: 'notFound',
      pathname: '/rules/%E0%A4%A',
    });
  });

  it('matchPath only matches whole patterns', () => {
    expect(matchPath('/rules/:ruleId', '/rules/1')).toEqual({ ruleId: '1' });
    expect(matchPath('/rules/:ruleId', '/rules')).toBeUndefined();
    expect(matchPath('/alerts', '/alerts/1')).toBeUndefined();
  });
});

describe('navigation', () => {
  it('splits paths into locations and parses queries', () => {
    expect(toLocation(alertsPath({ rule_id: 'r1', status: 'open' }))).toEqual({
      pathname: '/alerts',
      search: '?rule_id=r1&status=open',
    });
    expect(toLocation('/rules/x')).toEqual({ pathname: '/rules/x', search: '' });
    expect(parseQuery('?rule_id=a%2Cb&x=')).toEqual({ rule_id: 'a,b', x: '' });
  });

  it('navigates and builds hrefs through the history', () => {
    const pushed: string[] = [];
    const history: AppHistory = {
      location: { pathname: '/alerts', search: '?rule_id=r1' },
      push: (path) => pushed.push(path),
      listen: () => () => undefined,
      createHref: ({ pathname, search = '' }) => `/base${pathname}${search}`,
    };
    const navigation = createNavigation(history, history.location.search);
    expect(navigation.query).toEqual({ rule_id: 'r1' });
    expect(navigation.href(alertsPath({ status: 'open' }))).toBe('/base/alerts?status=open');
    navigation.navigate(rulePath('r1'));
    expect(pushed).toEqual(['/rules/r1']);
  });
});
