/**
 * What `String(value)` gives for the values a plugin's manifest or route options can hold (JSON
 * values, undefined, functions): Kibana puts such a value into its messages as is, so the host's
 * messages read "[object Object]" for an object, as Kibana's do.
 */
export const interpolatedText = (value: unknown): string => {
  if (Array.isArray(value))
    return value
      .map((item: unknown) => (item === null || item === undefined ? '' : interpolatedText(item)))
      .join(',');
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'bigint':
    case 'boolean':
    case 'undefined':
      return String(value);
    case 'symbol':
      return value.toString();
    case 'function':
      return Function.prototype.toString.call(value);
    default:
      return value === null ? 'null' : '[object Object]';
  }
};
