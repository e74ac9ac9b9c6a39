/**
 * Loopback addresses and names. Bound to loopback, the server is reachable from this machine only,
 * so it may run without an API key; it then also insists that requests name a loopback host, so a
 * web page that re-points its own domain at 127.0.0.1 (DNS rebinding) cannot use it either.
 */
import net from 'net';

const LOCALHOST = 'localhost';
const LOCALHOST_SUFFIX = '.localhost';

/** 127.0.0.0/8 and ::1, whatever their spelling (BlockList also matches IPv4-mapped IPv6 forms). */
const LOOPBACK_ADDRESSES = new net.BlockList();
LOOPBACK_ADDRESSES.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK_ADDRESSES.addAddress('::1', 'ipv6');

const isLoopbackIp = (address: string): boolean => {
  const family = net.isIP(address);
  if (family === 0) return false;
  return LOOPBACK_ADDRESSES.check(address, family === 4 ? 'ipv4' : 'ipv6');
};

/** Whether a listen address (`--host`) keeps the server on this machine. */
export const isLoopbackHost = (host: string): boolean => {
  const name = host.toLowerCase();
  return name === LOCALHOST || isLoopbackIp(name);
};

/** The host name of a `Host` header (`name:port`, `[v6]:port`), lower-cased. */
const hostNameOf = (hostHeader: string): string => {
  const trimmed = hostHeader.trim().toLowerCase();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(trimmed);
  if (bracketed?.[1] !== undefined) return bracketed[1];
  return trimmed.replace(/:\d+$/, '');
};

/** Whether a request's `Host` names this machine; a missing header (HTTP/1.0 clients) cannot come from a browser page. */
export const isLoopbackHostHeader = (hostHeader: string | undefined): boolean => {
  if (hostHeader === undefined) return true;
  const name = hostNameOf(hostHeader);
  return name === LOCALHOST || name.endsWith(LOCALHOST_SUFFIX) || isLoopbackIp(name);
};
