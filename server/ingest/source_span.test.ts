import fc from 'fast-check';
import { rawSourceText } from './source_span';

/** JSON text of `value` in one of the layouts an export may use. */
const layouts = (value: unknown): readonly string[] => [
  JSON.stringify(value),
  JSON.stringify(value, null, 2),
  JSON.stringify(value, null, '\t'),
];

const envelopeValue = fc.oneof(
  fc.string(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 })
);

describe('rawSourceText', () => {
  it('returns exactly the text written for _source, among other keys, in any order and layout', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 6 }),
        fc.dictionary(
          fc.string().filter((key) => key !== '_source'),
          envelopeValue,
          { maxKeys: 4 }
        ),
        fc.nat(),
        fc.nat(2),
        fc.constantFrom('', ' ', '\n', '\t '),
        (source, envelope, position, layout, space) => {
          const sourceText = layouts(source)[layout] as string;
          const members = Object.entries(envelope).map(
            ([key, value]) => `${JSON.stringify(key)}${space}:${space}${JSON.stringify(value)}`
          );
          members.splice(
            position % (members.length + 1),
            0,
            `"_source"${space}:${space}${sourceText}`
          );
          const line = `${space}{${space}${members.join(`${space},${space}`)}${space}}${space}`;
          expect(rawSourceText(line)).toBe(sourceText);
        }
      )
    );
  });

  it('keeps what re-serialising would change', () => {
    const source = '{"n":12345678901234567890,"f":1.0,"e":1E+2,"s":"\\u00e9 \\"q\\" \\\\"}';
    expect(rawSourceText(`{"_id":"a","_source":${source}}`)).toBe(source);
  });

  it('matches the key however it is escaped, and only at the top level', () => {
    expect(rawSourceText('{"_sour\\u0063e":{"a":1}}')).toBe('{"a":1}');
    expect(rawSourceText('{"hit":{"_source":{"a":1}}}')).toBeUndefined();
    expect(rawSourceText('{"note":"\\"_source\\":{}","_source":{"b":[1,{"c":"}"}]}}')).toBe(
      '{"b":[1,{"c":"}"}]}'
    );
  });

  it('is undefined without a _source object', () => {
    expect(rawSourceText('{"_id":"a"}')).toBeUndefined();
    expect(rawSourceText('{"_source":[1]}')).toBeUndefined();
    expect(rawSourceText('{"_source":"text"}')).toBeUndefined();
    expect(rawSourceText('{}')).toBeUndefined();
    expect(rawSourceText('[{"_source":{}}]')).toBeUndefined();
  });
});
