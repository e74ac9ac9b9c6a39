import { fromKueryExpression } from './parse';
import { referencedFields } from './referenced_fields';

const fieldsOf = (query: string) => [...referencedFields(fromKueryExpression(query))];

describe('referencedFields', () => {
  it('lists every field of a boolean query once, in order of appearance', () => {
    expect(
      fieldsOf(
        'process.name:bash and (user.id:0 or not process.name:sh) and event.ingested >= now-1d'
      )
    ).toEqual(['process.name', 'user.id', 'event.ingested']);
  });

  it('keeps wildcard field names as patterns and prefixes nested fields with their path', () => {
    expect(fieldsOf('process.*:bash and dll:{ name:a* } and host.ip:*')).toEqual([
      'process.*',
      'dll.name',
      'host.ip',
    ]);
  });

  it('reports a bare value as a search over every field (null) and nothing for an empty query', () => {
    expect(fieldsOf('bash')).toEqual([null]);
    expect(fieldsOf('')).toEqual([]);
  });
});
