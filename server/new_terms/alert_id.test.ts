import { buildAlertId } from './alert_id';

const BASE = {
  index: 'logs-endpoint.events.process-default',
  id: 'NQ3ue6XdoYqkAV3m+++++Ae6',
  spaceId: 'default',
  ruleUuid: '7020ff25-76d7-4a7d-b95b-266cf27d70e8',
  newTerms: ['bash'],
};

describe('buildAlertId', () => {
  it('is a stable 40-hex-digit SHA-1 of the Kibana tuple', () => {
    const id = buildAlertId(BASE);
    expect(id).toMatch(/^[0-9a-f]{40}$/);
    expect(buildAlertId({ ...BASE })).toBe(id);
  });

  it.each([
    ['index', { index: 'logs-endpoint.events.process-other' }],
    ['document id', { id: 'another' }],
    ['space', { spaceId: 'soc' }],
    ['rule instance', { ruleUuid: 'a80d96cd-1164-41b3-9852-ef58724be496' }],
    ['term', { newTerms: ['sh'] }],
    ['term order', { newTerms: ['b', 'a'] }],
  ])('changes with the %s', (_label, change) => {
    const reordered = buildAlertId({ ...BASE, newTerms: ['a', 'b'] });
    const changed = buildAlertId({ ...BASE, ...change });
    expect(changed).not.toBe(buildAlertId(BASE));
    if (_label === 'term order') expect(changed).not.toBe(reordered);
  });

  it('distinguishes a keyword "1" from the number 1 and true from "true"', () => {
    expect(buildAlertId({ ...BASE, newTerms: ['1'] })).not.toBe(
      buildAlertId({ ...BASE, newTerms: [1] })
    );
    expect(buildAlertId({ ...BASE, newTerms: [true] })).not.toBe(
      buildAlertId({ ...BASE, newTerms: ['true'] })
    );
  });
});
