import moment from 'moment';
import { DATE_FORMAT, formatTime } from './format';

describe('formatTime', () => {
  it("writes times as moment does with Kibana's default dateFormat, in local time", () => {
    for (const value of [
      '2025-03-12T10:03:31.856Z',
      '2025-01-01T00:00:00Z',
      '2024-02-29T23:59:59.999+05:30',
      1_741_773_811_856,
      '2025-03-12',
    ]) {
      expect(formatTime(value)).toBe(moment(value).format(DATE_FORMAT));
    }
  });

  it('shows what is not a time as it is, and nothing as an em dash', () => {
    expect(formatTime('not a time')).toBe('not a time');
    expect(formatTime(null)).toBe('—');
    expect(formatTime(undefined)).toBe('—');
  });
});
