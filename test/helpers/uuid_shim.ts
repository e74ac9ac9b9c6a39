/**
 * Stand-in for the `uuid` package in jsdom UI tests. uuid 14 (used by EUI and Elastic Charts for
 * element ids) ships ES modules only, which jest on Node 20 cannot `require` untransformed. Until
 * jest.config.js transforms it (`transformIgnorePatterns: ['/node_modules/(?!uuid/)']`), UI test
 * files map it here:
 *
 *   jest.mock('uuid', () => jest.requireActual('<relative>/test/helpers/uuid_shim'));
 *
 * Only unique ids are needed from it; `crypto.randomUUID` gives those.
 */
import { randomUUID } from 'crypto';

export const v1 = (): string => randomUUID();
export const v4 = (): string => randomUUID();
