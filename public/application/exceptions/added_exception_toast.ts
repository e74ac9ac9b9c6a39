/** The toast after an exception was added: where it went and how many alerts it closed. */
import type { AddRuleExceptionsResponse } from '../../../common/api/exceptions_api';

export const addedExceptionToast = (result: AddRuleExceptionsResponse): [string, string] => {
  const closed = result.closed_alerts;
  return [
    'Rule exception added',
    `Added to "${result.list.name}".${
      closed === 0 ? '' : ` ${closed} alert${closed === 1 ? '' : 's'} closed.`
    }`,
  ];
};
