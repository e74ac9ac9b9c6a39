/**
 * `--entry` texts of `ctd exceptions add`: every form, values kept verbatim whatever they hold
 * (checked as properties over generated fields and values), and the messages for texts that are
 * no entry, `in` lists that are not JSON, and what Kibana's schema refuses.
 */
import fc from 'fast-check';
import { EMPTY_STRING_MESSAGE } from '../common/exceptions/exception_schema';
import { CliError } from './cli_error';
import {
  ENTRY_FORMS,
  entryFromText,
  ruleExceptionItemFromText,
  type EntryCandidate,
} from './exception_entry_text';

const RULE_ID = 'rule-1';

/** The CliError message `run` throws. */
const errorOf = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    return (error as CliError).message;
  }
  throw new Error('expected a CliError');
};

describe('entryFromText', () => {
  it.each<[string, EntryCandidate]>([
    [
      'process.name=bash',
      { type: 'match', field: 'process.name', operator: 'included', value: 'bash' },
    ],
    [
      'process.name!=bash',
      { type: 'match', field: 'process.name', operator: 'excluded', value: 'bash' },
    ],
    [
      'process.executable=~/usr/*',
      { type: 'wildcard', field: 'process.executable', operator: 'included', value: '/usr/*' },
    ],
    [
      'process.executable!=~/usr/*',
      { type: 'wildcard', field: 'process.executable', operator: 'excluded', value: '/usr/*' },
    ],
    ['container.id:exists', { type: 'exists', field: 'container.id', operator: 'included' }],
    ['container.id:!exists', { type: 'exists', field: 'container.id', operator: 'excluded' }],
    [
      'process.name in ["nc","ncat"]',
      { type: 'match_any', field: 'process.name', operator: 'included', value: ['nc', 'ncat'] },
    ],
    [
      'process.name not in ["nc"]',
      { type: 'match_any', field: 'process.name', operator: 'excluded', value: ['nc'] },
    ],
    [
      'process.name  not   in   ["nc"]',
      { type: 'match_any', field: 'process.name', operator: 'excluded', value: ['nc'] },
    ],
  ])('reads %s', (text, entry) => {
    expect(entryFromText(text)).toEqual(entry);
  });

  it('splits at the first operator and keeps the rest verbatim', () => {
    expect(entryFromText('process.command_line=a=b != c =~ d')).toEqual({
      type: 'match',
      field: 'process.command_line',
      operator: 'included',
      value: 'a=b != c =~ d',
    });
    expect(entryFromText('process.args=~*:exists')).toMatchObject({
      type: 'wildcard',
      value: '*:exists',
    });
    expect(entryFromText('process.name= not in ["x"]')).toMatchObject({
      type: 'match',
      value: ' not in ["x"]',
    });
    expect(entryFromText('a=b,c')).toMatchObject({ type: 'match', value: 'b,c' });
    expect(entryFromText('labels.app=~"quoted" \'too\'')).toMatchObject({
      value: '"quoted" \'too\'',
    });
    expect(entryFromText('user.name=Jürgen 名前 🐳')).toMatchObject({ value: 'Jürgen 名前 🐳' });
  });

  it('takes a colon inside the field name when no exists form follows it', () => {
    expect(entryFromText('a:b=c:d')).toEqual({
      type: 'match',
      field: 'a:b',
      operator: 'included',
      value: 'c:d',
    });
    expect(entryFromText('a:b:!exists')).toEqual({
      type: 'exists',
      field: 'a:b',
      operator: 'excluded',
    });
  });

  it.each([
    '',
    'process.name',
    'process.name bash',
    'process.name = bash',
    'process.name!bash',
    'process.name~bash',
    'process.name:exist',
    'process.name:exists ',
    'process.name in',
    ' process.name=bash',
  ])('refuses %j with the forms it takes', (text) => {
    expect(errorOf(() => entryFromText(text))).toBe(
      `--entry ${JSON.stringify(text)}: ${ENTRY_FORMS}`
    );
  });

  it('says when the list after "in" is not JSON', () => {
    expect(errorOf(() => entryFromText('process.name in [nc, ncat]'))).toMatch(
      /^--entry "process.name in \[nc, ncat\]": the list after "in" is not JSON \(.+\); write e\.g\. \["nc","ncat"\]$/
    );
    expect(errorOf(() => entryFromText("process.name in ['nc']"))).toContain(
      'the list after "in" is not JSON'
    );
  });

  // Field names as ECS writes them, with a colon now and then; no `=`, `!`, `~` or spaces.
  const field = fc.stringMatching(/^[a-z_@][a-z0-9_@.:-]{0,24}$/);
  const value = fc.string({ unit: 'grapheme', minLength: 0, maxLength: 30 });
  const valueForms = fc.constantFrom(
    { token: '=', type: 'match', operator: 'included' },
    { token: '!=', type: 'match', operator: 'excluded' },
    { token: '=~', type: 'wildcard', operator: 'included' },
    { token: '!=~', type: 'wildcard', operator: 'excluded' }
  );

  it('gives back any field and any value of the value forms verbatim', () => {
    fc.assert(
      fc.property(field, valueForms, value, (name, form, written) => {
        expect(entryFromText(`${name}${form.token}${written}`)).toEqual({
          type: form.type,
          field: name,
          operator: form.operator,
          value: written,
        });
      })
    );
  });

  it('gives back any list of strings of the in forms', () => {
    fc.assert(
      fc.property(field, fc.boolean(), fc.array(value, { maxLength: 5 }), (name, not, values) => {
        expect(entryFromText(`${name} ${not ? 'not in' : 'in'} ${JSON.stringify(values)}`)).toEqual(
          {
            type: 'match_any',
            field: name,
            operator: not ? 'excluded' : 'included',
            value: values,
          }
        );
      })
    );
  });

  it('reads the exists forms for any field', () => {
    fc.assert(
      fc.property(field, fc.boolean(), (name, not) => {
        expect(entryFromText(`${name}:${not ? '!' : ''}exists`)).toEqual({
          type: 'exists',
          field: name,
          operator: not ? 'excluded' : 'included',
        });
      })
    );
  });
});

describe('ruleExceptionItemFromText', () => {
  it('builds the item with its defaults', () => {
    expect(ruleExceptionItemFromText({ ruleId: RULE_ID, entries: ['process.name=bash'] })).toEqual({
      type: 'simple',
      name: `Exception for ${RULE_ID}`,
      description: '',
      entries: [{ type: 'match', field: 'process.name', operator: 'included', value: 'bash' }],
    });
  });

  it('takes the name, description, comment, expiry and item_id given', () => {
    expect(
      ruleExceptionItemFromText({
        ruleId: RULE_ID,
        entries: ['process.name in ["nc"]', 'container.id:exists'],
        name: 'netcat in containers',
        description: 'expected',
        comment: 'ticket 42',
        expire: '2030-01-01T00:00:00Z',
        itemId: 'netcat',
      })
    ).toEqual({
      type: 'simple',
      item_id: 'netcat',
      name: 'netcat in containers',
      description: 'expected',
      entries: [
        { type: 'match_any', field: 'process.name', operator: 'included', value: ['nc'] },
        { type: 'exists', field: 'container.id', operator: 'included' },
      ],
      comments: [{ comment: 'ticket 42' }],
      expire_time: '2030-01-01T00:00:00Z',
    });
  });

  it("names each entry Kibana's schema refuses, with zod's message", () => {
    expect(
      errorOf(() =>
        ruleExceptionItemFromText({
          ruleId: RULE_ID,
          entries: ['process.name=', 'a=ok', 'b in []', 'c in ["x", " "]', 'd in [1]', ':exists'],
        })
      ).split('\n')
    ).toEqual([
      `--entry "process.name=": value: ${EMPTY_STRING_MESSAGE}`,
      '--entry "b in []": value: Too small: expected array to have >=1 items',
      `--entry "c in [\\"x\\", \\" \\"]": value.1: ${EMPTY_STRING_MESSAGE}`,
      '--entry "d in [1]": value.0: Invalid input: expected string, received number',
      `--entry ":exists": field: ${EMPTY_STRING_MESSAGE}`,
    ]);
  });

  it('refuses a blank value, whatever the blank', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[ \t]*$/), (blank) => {
        expect(
          errorOf(() => ruleExceptionItemFromText({ ruleId: RULE_ID, entries: [`a=${blank}`] }))
        ).toBe(`--entry ${JSON.stringify(`a=${blank}`)}: value: ${EMPTY_STRING_MESSAGE}`);
      })
    );
  });

  it('reports every entry it cannot read before checking the schema', () => {
    expect(
      errorOf(() =>
        ruleExceptionItemFromText({
          ruleId: RULE_ID,
          entries: ['a=', 'b', 'c in [', 'd=ok'],
        })
      ).split('\n')
    ).toEqual([
      `--entry "b": ${ENTRY_FORMS}`,
      expect.stringMatching(/^--entry "c in \[": the list after "in" is not JSON/),
    ]);
  });

  it('names the options other than --entry that the schema refuses', () => {
    expect(
      errorOf(() =>
        ruleExceptionItemFromText({
          ruleId: RULE_ID,
          entries: ['a=b'],
          name: ' ',
          comment: '',
          itemId: '',
          expire: '2030-01-01T00:00:00+02:00',
        })
      ).split('\n')
    ).toEqual([
      `--item-id "": ${EMPTY_STRING_MESSAGE}`,
      `--name " ": ${EMPTY_STRING_MESSAGE}`,
      '--expire "2030-01-01T00:00:00+02:00": Invalid ISO datetime (write UTC with a Z, e.g. 2030-01-01T00:00:00Z)',
      `--comment "": ${EMPTY_STRING_MESSAGE}`,
    ]);
  });
});
