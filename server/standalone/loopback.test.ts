/** Which listen addresses keep the server on this machine, and which Host headers name it. */
import { isLoopbackHost, isLoopbackHostHeader } from './loopback';

describe('loopback', () => {
  it.each([
    '127.0.0.1',
    '127.1.2.3',
    '::1',
    '0:0:0:0:0:0:0:1',
    '::ffff:127.0.0.1',
    'localhost',
    'LOCALHOST',
  ])('keeps %s on this machine', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });

  it.each([
    '0.0.0.0',
    '::',
    '10.0.0.5',
    '192.168.1.2',
    'fe80::1',
    'example.com',
    'localhost.example.com',
    '',
  ])('counts %s as reachable from elsewhere', (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });

  it.each([
    undefined,
    'localhost',
    'localhost:5602',
    '127.0.0.1:5602',
    '[::1]:5602',
    '[::1]',
    'app.localhost:5602',
  ])('accepts Host %s', (header) => {
    expect(isLoopbackHostHeader(header)).toBe(true);
  });

  it.each([
    'attacker.example',
    'attacker.example:5602',
    '10.0.0.5:5602',
    'localhost.attacker.example',
    '127.0.0.1.attacker.example',
    '[fe80::1]:5602',
    '',
  ])('refuses Host %s', (header) => {
    expect(isLoopbackHostHeader(header)).toBe(false);
  });
});
