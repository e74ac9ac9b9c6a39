import { KIBANA_9_2, kibana819, standInAliases } from './kibana_lines';

describe('the Kibana lines the harness plays', () => {
  it('reads the stand-ins from package.json npm aliases', () => {
    expect(
      standInAliases({
        devDependencies: {
          'react-17': 'npm:react@17.0.2',
          'eui-104': 'npm:@elastic/eui@104.0.2',
          jest: '^30.0.0',
        },
      })
    ).toEqual({
      react: 'react-17',
      '@elastic/eui': 'eui-104',
    });
    expect(() =>
      standInAliases({ devDependencies: { a: 'npm:react@17.0.2', b: 'npm:react@16.14.0' } })
    ).toThrow('package.json has two stand-ins for react: a and b');
  });

  it('plays 9.2 with the pinned packages and 8.19 with the React 17 / EUI 104 stand-ins', () => {
    expect(KIBANA_9_2).toMatchObject({
      line: '9.2',
      kibanaVersion: '9.2.4',
      buildShaShort: 'b05a85503d45',
      packageAliases: {},
      euiTheme: 'borealis',
    });
    expect(kibana819()).toMatchObject({
      line: '8.19',
      kibanaVersion: '8.19.10',
      buildShaShort: '6803805478ed',
      euiTheme: 'amsterdam',
      packageAliases: expect.objectContaining({
        react: 'react-17',
        'react-dom': 'react-dom-17',
        '@elastic/eui': 'eui-104',
      }) as unknown,
    });
  });

  it("refuses to play 8.19 without the stand-ins (it would run 9.2's React and EUI)", () => {
    expect(() => kibana819({ devDependencies: { 'react-17': 'npm:react@17.0.2' } })).toThrow(
      'package.json has no npm-alias stand-in for react-dom, @elastic/eui, which the Kibana 8.19 line needs'
    );
  });
});
