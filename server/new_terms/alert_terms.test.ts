import { alertTermOf } from './alert_terms';

describe("the new term as Kibana's alert holds it", () => {
  it('keys a boolean of a single field as a terms aggregation does: 1 or 0', () => {
    expect(alertTermOf([true], true)).toEqual([1]);
    expect(alertTermOf([false], true)).toEqual([0]);
  });

  it('keeps booleans of several fields, as composite keys do', () => {
    expect(alertTermOf([false, 'bash'], false)).toEqual([false, 'bash']);
  });

  it('leaves strings and numbers as they are', () => {
    expect(alertTermOf(['true'], true)).toEqual(['true']);
    expect(alertTermOf([0], true)).toEqual([0]);
  });
});
