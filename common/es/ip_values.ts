/**
 * IP values as Elasticsearch's `ip` field treats them: IPv4 and IPv6 are one 128-bit space
 * (IPv4 lives at `::ffff:0:0/96`), a term query accepts an address or a CIDR block, and ranges
 * compare addresses numerically. Addresses are handled as 32-hex-digit keys, which sort like the
 * addresses; indexed values are kept in canonical text form (dotted IPv4, RFC 5952 IPv6).
 */
/* eslint-disable no-bitwise -- IP address arithmetic: 16-bit groups, CIDR prefix masks */

const IPV4_BYTES = 4;
const IPV6_BYTES = 16;
const IPV4_MAPPED_PREFIX = '00000000000000000000ffff';
const IPV6_GROUPS = 8;
const BITS_PER_HEX_DIGIT = 4;
const IPV6_BITS = 128;
const IPV4_BITS = 32;

function parseIpv4(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== IPV4_BYTES) return undefined;
  const bytes: number[] = [];
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const value = Number(part);
    if (value > 255) return undefined;
    bytes.push(value);
  }
  return bytes;
}

function parseGroups(text: string): number[] | undefined {
  if (text === '') return [];
  const groups: number[] = [];
  const parts = text.split(':');
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? '';
    if (i === parts.length - 1 && part.includes('.')) {
      const v4 = parseIpv4(part);
      if (!v4) return undefined;
      groups.push(((v4[0] ?? 0) << 8) | (v4[1] ?? 0), ((v4[2] ?? 0) << 8) | (v4[3] ?? 0));
      continue;
    }
    if (!/^[0-9a-fA-F]{1,4}$/.test(part)) return undefined;
    groups.push(parseInt(part, 16));
  }
  return groups;
}

function parseIpv6(text: string): number[] | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = parseGroups(halves[0] ?? '');
  const tail = halves.length === 2 ? parseGroups(halves[1] ?? '') : [];
  if (!head || !tail) return undefined;
  const missing = IPV6_GROUPS - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  return [...head, ...new Array<number>(Math.max(missing, 0)).fill(0), ...tail];
}

/** The address as 32 lowercase hex digits (IPv4 mapped into IPv6), or undefined if not an address. */
export function ipKey(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed.includes(':')) {
    const groups = parseIpv6(trimmed.replace(/%.*$/, ''));
    return groups?.map((group) => group.toString(16).padStart(4, '0')).join('');
  }
  const v4 = parseIpv4(trimmed);
  return v4
    ? IPV4_MAPPED_PREFIX + v4.map((byte) => byte.toString(16).padStart(2, '0')).join('')
    : undefined;
}

function formatIpv6(key: string): string {
  const groups: string[] = [];
  for (let i = 0; i < IPV6_BYTES * 2; i += 4)
    groups.push(parseInt(key.slice(i, i + 4), 16).toString(16));
  // RFC 5952: compress the longest run (length ≥ 2) of zero groups, the first one on ties.
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < groups.length; ) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < groups.length && groups[j] === '0') j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  if (bestStart < 0) return groups.join(':');
  return `${groups.slice(0, bestStart).join(':')}::${groups.slice(bestStart + bestLength).join(':')}`;
}

/** Canonical text of an address key: dotted quad for IPv4-mapped keys, RFC 5952 otherwise. */
export function formatIpKey(key: string): string {
  if (key.startsWith(IPV4_MAPPED_PREFIX)) {
    const v4 = key.slice(IPV4_MAPPED_PREFIX.length);
    const bytes: number[] = [];
    for (let i = 0; i < v4.length; i += 2) bytes.push(parseInt(v4.slice(i, i + 2), 16));
    return bytes.join('.');
  }
  return formatIpv6(key);
}

/** The canonical text form of an address, or undefined when `text` is not one. */
export function canonicalIp(text: string): string | undefined {
  const key = ipKey(text);
  return key === undefined ? undefined : formatIpKey(key);
}

function maskKey(key: string, prefixBits: number, fill: '0' | 'f'): string {
  const digits = Array.from(key);
  for (let bit = prefixBits; bit < IPV6_BITS; bit += 1) {
    const index = Math.floor(bit / BITS_PER_HEX_DIGIT);
    const shift = BITS_PER_HEX_DIGIT - 1 - (bit % BITS_PER_HEX_DIGIT);
    const digit = parseInt(digits[index] ?? '0', 16);
    const next = fill === '0' ? digit & ~(1 << shift) : digit | (1 << shift);
    digits[index] = next.toString(16);
  }
  return digits.join('');
}

/** An address or CIDR block as an inclusive key range, or undefined when it is neither. */
export function ipQueryRange(text: string): { lower: string; upper: string } | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) {
    const key = ipKey(text);
    return key === undefined ? undefined : { lower: key, upper: key };
  }
  const address = text.slice(0, slash);
  const bitsText = text.slice(slash + 1);
  const key = ipKey(address);
  if (key === undefined || !/^\d{1,3}$/.test(bitsText)) return undefined;
  const isV4 = !address.includes(':');
  const bits = Number(bitsText) + (isV4 ? IPV6_BITS - IPV4_BITS : 0);
  if (bits > IPV6_BITS) return undefined;
  return { lower: maskKey(key, bits, '0'), upper: maskKey(key, bits, 'f') };
}
