/**
 * The check Kibana's router makes on a route's `security` when the route is registered, with
 * Kibana's messages. Kibana (9.x): src/core/packages/http/router-server-internal/src/
 * security_route_config_validator.ts (validRouteSecurity, a config-schema object), called by
 * route.ts buildRoute. 9.x validates a missing `security` too (so `authz.requiredPrivileges` is
 * required); 8.x (packages/core/http/core-http-router-server-internal/…) returned early for it and
 * lacked the reserved-privilege and uniqueness rules. We follow 9.x.
 */
import {
  arrayCheck,
  failureMessage,
  isPlainObject,
  literalCheck,
  maybeCheck,
  neverCheck,
  objectCheck,
  oneOfCheck,
  stringCheck,
  type SchemaCheck,
} from './schema_checks';

/** Kibana: ReservedPrivilegesSet in @kbn/core-http-server. */
const SUPERUSER = 'superuser';
const OPERATOR = 'operator';

export class RouteSecurityConfigError extends Error {}

/** A composite entry: `{ allOf: [...] }` inside anyRequired, `{ anyOf: [...] }` inside allRequired. */
const compositeCheck = (key: 'allOf' | 'anyOf'): SchemaCheck =>
  objectCheck({ [key]: arrayCheck(stringCheck, { minSize: 2 }) });

const privilegeSetCheck = objectCheck(
  {
    anyRequired: maybeCheck(
      arrayCheck(oneOfCheck(stringCheck, compositeCheck('allOf')), { minSize: 2 })
    ),
    allRequired: maybeCheck(
      arrayCheck(oneOfCheck(stringCheck, compositeCheck('anyOf')), { minSize: 1 })
    ),
  },
  {
    validate: (value) =>
      value.anyRequired === undefined && value.allRequired === undefined
        ? 'either anyRequired or allRequired must be specified'
        : undefined,
  }
);

/** Privilege names of one list, composite entries unwound (Kibana: unwindNestedSecurityPrivileges). */
const unwind = (entries: unknown): string[] =>
  Array.isArray(entries)
    ? entries.flatMap((entry: unknown) => {
        if (typeof entry === 'string') return [entry];
        if (!isPlainObject(entry)) return [];
        const nested = entry.allOf ?? entry.anyOf;
        return Array.isArray(nested)
          ? nested.filter((name): name is string => typeof name === 'string')
          : [];
      })
    : [];

const hasDuplicates = (names: readonly string[]): boolean => new Set(names).size !== names.length;

/** The rules requiredPrivileges' custom `validate` applies across all entries, in Kibana's order. */
const requiredPrivilegesRule = (value: readonly unknown[]): string | undefined => {
  const anyRequired: string[] = [];
  const allRequired: string[] = [];
  for (const privilege of value) {
    if (typeof privilege === 'string') allRequired.push(privilege);
    else if (isPlainObject(privilege)) {
      anyRequired.push(...unwind(privilege.anyRequired));
      allRequired.push(...unwind(privilege.allRequired));
    }
  }
  if (anyRequired.includes(SUPERUSER))
    return 'Using superuser privileges in anyRequired is not allowed';
  const superuserInAll = allRequired.includes(SUPERUSER);
  const operatorInAll = allRequired.includes(OPERATOR);
  if (superuserInAll && allRequired.length > 1 && !(operatorInAll && allRequired.length === 2)) {
    return 'Combining superuser with other privileges is redundant, superuser privileges set can be only used as a standalone privilege.';
  }
  if (anyRequired.includes(OPERATOR))
    return 'Using operator privileges in anyRequired is not allowed';
  if (operatorInAll && allRequired.length === 1)
    return 'Operator privilege requires at least one additional non-operator privilege to be defined';
  const shared = anyRequired.find((privilege) => allRequired.includes(privilege));
  if (shared !== undefined)
    return `anyRequired and allRequired cannot have the same values: [${shared}]`;
  if (hasDuplicates(anyRequired)) return 'anyRequired privileges must contain unique values';
  if (hasDuplicates(allRequired)) return 'allRequired privileges must contain unique values';
  return undefined;
};

const requiredPrivilegesCheck = arrayCheck(oneOfCheck(privilegeSetCheck, stringCheck), {
  minSize: 1,
  validate: requiredPrivilegesRule,
});

/** `authz`: privileges required unless `enabled: false`, which instead needs a `reason`. */
const authzCheck: SchemaCheck = (raw, path) => {
  const authz = raw === undefined ? {} : raw;
  const enabledSet = isPlainObject(authz) && authz.enabled !== undefined;
  return objectCheck({
    enabled: maybeCheck(literalCheck(false)),
    requiredPrivileges: enabledSet ? neverCheck : requiredPrivilegesCheck,
    reason: enabledSet ? stringCheck : neverCheck,
  })(authz, path);
};

/** `authc`: enabled `true` (default), `'optional'` or `false`; the latter two need a `reason`. */
const authcCheck: SchemaCheck = (raw, path) => {
  const authc = raw === undefined ? {} : raw;
  const enabled = isPlainObject(authc) ? authc.enabled : undefined;
  const needsReason = enabled === 'optional' || enabled === false;
  return objectCheck({
    enabled: maybeCheck(
      oneOfCheck(literalCheck(true), literalCheck('optional'), literalCheck(false))
    ),
    reason: needsReason ? stringCheck : neverCheck,
  })(authc, path);
};

const routeSecurityCheck = objectCheck({ authz: authzCheck, authc: authcCheck });

/** Throws Kibana's error when `security` would stop the route from registering. */
export const assertValidRouteSecurity = (security: unknown): void => {
  const failure = routeSecurityCheck(security, []);
  if (failure !== undefined) throw new RouteSecurityConfigError(failureMessage(failure));
};
