/**
 * The host refuses the route `security` configs Kibana's router refuses at registration, with
 * Kibana's messages (src/core/packages/http/router-server-internal/src/security_route_config_validator.ts;
 * the first two expectations are Kibana's own router.test.ts snapshots).
 */
import { assertValidRouteSecurity } from './route_security';

const authz = (requiredPrivileges: unknown) => ({ authz: { requiredPrivileges } });

describe('route security as Kibana validates it', () => {
  it('accepts privilege names, privilege sets and opting out with a reason', () => {
    expect(() => assertValidRouteSecurity(authz(['a']))).not.toThrow();
    expect(() =>
      assertValidRouteSecurity(authz([{ allRequired: ['a'], anyRequired: ['b', 'c'] }]))
    ).not.toThrow();
    expect(() =>
      assertValidRouteSecurity(authz([{ anyRequired: [{ allOf: ['a', 'b'] }, 'c'] }]))
    ).not.toThrow();
    expect(() =>
      assertValidRouteSecurity({ authz: { enabled: false, reason: 'delegated to Elasticsearch' } })
    ).not.toThrow();
    expect(() =>
      assertValidRouteSecurity({
        authz: { requiredPrivileges: ['a'] },
        authc: { enabled: 'optional', reason: 'public page' },
      })
    ).not.toThrow();
  });

  it('refuses an empty privilege list and an opt-out without a reason', () => {
    expect(() => assertValidRouteSecurity(authz([]))).toThrow(
      '[authz.requiredPrivileges]: array size is [0], but cannot be smaller than [1]'
    );
    expect(() => assertValidRouteSecurity({ authz: { enabled: false } })).toThrow(
      '[authz.reason]: expected value of type [string] but got [undefined]'
    );
  });

  it('refuses a route without security (9.x validates it as an empty object)', () => {
    expect(() => assertValidRouteSecurity(undefined)).toThrow(
      '[authz.requiredPrivileges]: expected value of type [array] but got [undefined]'
    );
    expect(() => assertValidRouteSecurity({ authz: { enabled: true } })).toThrow(
      '[authz.enabled]: expected value to equal [false]'
    );
    expect(() =>
      assertValidRouteSecurity({
        authz: { enabled: false, reason: 'x', requiredPrivileges: ['a'] },
      })
    ).toThrow("[authz.requiredPrivileges]: a value wasn't expected to be present");
    expect(() =>
      assertValidRouteSecurity({ authz: { requiredPrivileges: ['a'] }, extra: true })
    ).toThrow('[extra]: definition for this key is missing');
  });

  it('refuses a privilege that is neither a name nor a set, listing both alternatives', () => {
    expect(() => assertValidRouteSecurity(authz([{ anyRequired: ['only-one'] }]))).toThrow(
      new Error(
        '[authz.requiredPrivileges.0]: types that failed validation:\n' +
          '- [authz.requiredPrivileges.0.0.anyRequired]: array size is [1], but cannot be smaller than [2]\n' +
          '- [authz.requiredPrivileges.0.1]: expected value of type [string] but got [Object]'
      )
    );
    expect(() => assertValidRouteSecurity(authz([{}]))).toThrow(
      '- [authz.requiredPrivileges.0.0]: either anyRequired or allRequired must be specified'
    );
  });

  it("applies Kibana's rules across the privileges", () => {
    const cases: Array<[unknown, string]> = [
      [
        [{ anyRequired: ['superuser', 'a'] }],
        'Using superuser privileges in anyRequired is not allowed',
      ],
      [
        ['superuser', 'a'],
        'Combining superuser with other privileges is redundant, superuser privileges set can be only used as a standalone privilege.',
      ],
      [
        [{ anyRequired: ['operator', 'a'] }],
        'Using operator privileges in anyRequired is not allowed',
      ],
      [
        ['operator'],
        'Operator privilege requires at least one additional non-operator privilege to be defined',
      ],
      [
        ['a', { anyRequired: ['a', 'b'] }],
        'anyRequired and allRequired cannot have the same values: [a]',
      ],
      [
        [{ anyRequired: ['a', 'b'] }, { anyRequired: ['a', 'c'] }],
        'anyRequired privileges must contain unique values',
      ],
      [['a', 'a'], 'allRequired privileges must contain unique values'],
    ];
    for (const [privileges, message] of cases)
      expect(() => assertValidRouteSecurity(authz(privileges))).toThrow(
        `[authz.requiredPrivileges]: ${message}`
      );
    expect(() => assertValidRouteSecurity(authz(['superuser', 'operator']))).not.toThrow();
  });

  it('refuses authentication turned off or optional without a reason', () => {
    expect(() => assertValidRouteSecurity({ ...authz(['a']), authc: { enabled: false } })).toThrow(
      '[authc.reason]: expected value of type [string] but got [undefined]'
    );
    expect(() => assertValidRouteSecurity({ ...authz(['a']), authc: { enabled: 'yes' } })).toThrow(
      '[authc.enabled]: types that failed validation:\n- [authc.enabled.0]: expected value to equal [true]'
    );
  });
});
