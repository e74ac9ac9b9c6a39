/**
 * The @kbn/config-schema double reports what config-schema reports (messages from
 * src/platform/packages/shared/kbn-config-schema/src, Kibana's own tests and snapshots), and is
 * recognised by Kibana's `isConfigSchema` as the real package's types are.
 */
import type { Type as DeclaredType } from '@kbn/config-schema';
import { isConfigSchema, schema, ValidationError, type TypeOf } from './config_schema';

const messageOf = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a validation error');
};

describe('the @kbn/config-schema double', () => {
  it('carries the flag Kibana’s isConfigSchema tests, and nothing else passes', () => {
    expect(isConfigSchema(schema.object({}))).toBe(true);
    expect(isConfigSchema(schema.boolean())).toBe(true);
    expect(isConfigSchema({ validate: () => ({}) })).toBe(false);
    expect(isConfigSchema({ __isKbnConfigSchemaType: 'yes' })).toBe(false);
    expect(isConfigSchema(undefined)).toBe(false);
  });

  it('matches our declarations of the package (typings/kbn/config-schema)', () => {
    const declaredBoolean: DeclaredType<boolean> = schema.boolean({ defaultValue: true });
    const declaredObject: DeclaredType<{ readonly enabled: boolean }> = schema.object({
      enabled: schema.boolean({ defaultValue: true }),
    });
    expect(declaredBoolean.validate(undefined)).toBe(true);
    expect(declaredObject.validate(undefined)).toEqual({ enabled: true });
  });

  describe('boolean', () => {
    it('applies its default, coerces "true"/"false" in any case, and refuses anything else', () => {
      const enabled = schema.boolean({ defaultValue: true });
      expect(enabled.validate(undefined)).toBe(true);
      expect(enabled.validate('FALSE')).toBe(false);
      expect(messageOf(() => enabled.validate('yes'))).toBe(
        'expected value of type [boolean] but got [string]'
      );
      expect(messageOf(() => enabled.validate(null))).toBe(
        'expected value of type [boolean] but got [null]'
      );
      expect(messageOf(() => schema.boolean().validate(undefined))).toBe(
        'expected value of type [boolean] but got [undefined]'
      );
    });
  });

  describe('object', () => {
    const config = schema.object({ enabled: schema.boolean({ defaultValue: true }) });
    type Config = TypeOf<typeof config>;

    it('validates undefined as {} so property defaults apply', () => {
      const value: Config = config.validate(undefined);
      expect(value).toEqual({ enabled: true });
    });

    it('refuses an unknown key with config-schema’s message, prefixed by the namespace', () => {
      expect(
        messageOf(() =>
          config.validate({ foo: 1 }, {}, 'config validation of [container_threat_detection]')
        )
      ).toBe(
        '[config validation of [container_threat_detection].foo]: definition for this key is missing'
      );
      expect(messageOf(() => config.validate({ foo: 1 }))).toBe(
        '[foo]: definition for this key is missing'
      );
    });

    it('reports a declared key’s error before an unknown key, as Joi does', () => {
      expect(messageOf(() => config.validate({ zzz: 1, enabled: 'maybe' }))).toBe(
        '[enabled]: expected value of type [boolean] but got [string]'
      );
    });

    it('refuses values that are not plain objects, parsing strings as JSON first', () => {
      expect(messageOf(() => config.validate([]))).toBe(
        'expected a plain object value, but found [Array] instead.'
      );
      expect(messageOf(() => config.validate(null))).toBe(
        'expected a plain object value, but found [null] instead.'
      );
      expect(messageOf(() => config.validate('{'))).toBe(
        'could not parse object value from json input'
      );
      expect(config.validate('{"enabled":false}')).toEqual({ enabled: false });
    });

    it('names a missing required property by its full path', () => {
      const category = schema.object({
        category: schema.object({ id: schema.string(), label: schema.string() }),
      });
      expect(messageOf(() => category.validate({}))).toBe(
        '[category.id]: expected value of type [string] but got [undefined]'
      );
    });

    it('refuses options the double does not model instead of ignoring them', () => {
      expect(() => schema.object({}, { unknowns: 'allow' } as never)).toThrow(
        'the @kbn/config-schema test double does not model object option(s): unknowns'
      );
    });
  });

  describe('containers and unions', () => {
    it('arrays: item paths carry the index; sizes are checked after the items', () => {
      const consumers = schema.arrayOf(schema.string(), { minSize: 1 });
      expect(messageOf(() => consumers.validate([]))).toBe(
        'array size is [0], but cannot be smaller than [1]'
      );
      expect(messageOf(() => consumers.validate(['a', 2]))).toBe(
        '[1]: expected value of type [string] but got [number]'
      );
      expect(messageOf(() => schema.arrayOf(schema.string(), { maxSize: 0 }).validate(['a']))).toBe(
        'array size is [1], but cannot be greater than [0]'
      );
      expect(messageOf(() => consumers.validate('x'))).toBe(
        'could not parse array value from json input'
      );
    });

    it('string validators report their own message at the field’s path', () => {
      const id = schema.object({
        id: schema.string({
          validate: (value: string) =>
            /^[a-z]+$/.test(value) ? undefined : 'Does not satisfy regexp /^[a-z]+$/',
        }),
      });
      expect(messageOf(() => id.validate({ id: 'A b' }))).toBe(
        '[id]: Does not satisfy regexp /^[a-z]+$/'
      );
    });

    it('records name the entry in the path', () => {
      const management = schema.object({
        management: schema.recordOf(schema.string(), schema.arrayOf(schema.literal('ok'))),
      });
      expect(messageOf(() => management.validate({ management: { kibana: ['bad'] } }))).toBe(
        '[management.kibana.0]: expected value to equal [ok]'
      );
    });

    it('oneOf lists every alternative’s error with its index (Kibana’s feature registry test wording)', () => {
      const privileges = schema.object({
        privileges: schema.oneOf([
          schema.literal(null),
          schema.object({ all: schema.maybe(schema.boolean()) }),
        ]),
      });
      expect(messageOf(() => privileges.validate({ privileges: { foo: true } }))).toBe(
        '[privileges]: types that failed validation:\n- [privileges.0]: expected value to equal [null]\n- [privileges.1.foo]: definition for this key is missing'
      );
      expect(messageOf(() => privileges.validate({}))).toBe(
        '[privileges]: expected at least one defined value but got [undefined]'
      );
    });

    it('throws ValidationError instances', () => {
      expect(() => schema.boolean().validate(1)).toThrow(ValidationError);
    });
  });
});
