import { redirectSpecifier } from './module_redirects';

describe('redirectSpecifier (webpack resolve.alias as the shared-deps build uses it)', () => {
  const redirects = {
    exact: {
      '@elastic/eui': '@elastic/eui/optimize/es',
      moment: 'moment/min/moment-with-locales.js',
    },
    packages: { react: 'react-17', '@elastic/eui': 'eui-104' },
  };

  it('redirects exact specifiers only when the whole specifier matches', () => {
    expect(redirectSpecifier('moment', { exact: redirects.exact })).toBe(
      'moment/min/moment-with-locales.js'
    );
    expect(redirectSpecifier('moment/locale/de', { exact: redirects.exact })).toBe(
      'moment/locale/de'
    );
  });

  it('redirects a package and its subpaths to its stand-in, after the exact redirect', () => {
    expect(redirectSpecifier('react', redirects)).toBe('react-17');
    expect(redirectSpecifier('react/jsx-runtime', redirects)).toBe('react-17/jsx-runtime');
    expect(redirectSpecifier('react-dom', redirects)).toBe('react-dom');
    expect(redirectSpecifier('@elastic/eui', redirects)).toBe('eui-104/optimize/es');
    expect(redirectSpecifier('@elastic/eui-theme-borealis', redirects)).toBe(
      '@elastic/eui-theme-borealis'
    );
  });
});
