/**
 * What EUI and @elastic/charts need under jest's jsdom that the repository's jest config does not
 * provide. Import this first in a jsdom test, before anything that loads EUI.
 *
 * - `uuid` 14 ships only ES modules, which jest (without a transform for node_modules) cannot
 *   load; EUI and charts only need random ids from it, which `crypto.randomUUID` gives.
 * - jsdom has no ResizeObserver; charts and EUI only register observers, so a no-op one will do.
 * - jsdom has no canvas: EuiComboBox measures its input text on a 2D context. A context whose
 *   `measureText` estimates widths and whose other methods do nothing is enough for layout code.
 */
// EUI's build for jest (what its docs map `@elastic/eui` to): icons render synchronously instead of
// being imported lazily, which would update components after the test's act() and slow it down.
jest.mock('@elastic/eui', () =>
  jest.requireActual<typeof import('@elastic/eui')>('@elastic/eui/test-env')
);

jest.mock('uuid', () => {
  const { randomUUID } = jest.requireActual<typeof import('crypto')>('crypto');
  return { v1: randomUUID, v4: randomUUID, v7: randomUUID };
});

class NoopResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}

const globals = globalThis as { ResizeObserver?: unknown };
if (globals.ResizeObserver === undefined) globals.ResizeObserver = NoopResizeObserver;

const measureText = (text: string) => ({
  width: text.length * 7,
  actualBoundingBoxAscent: 8,
  actualBoundingBoxDescent: 2,
});

const stubContext = (): unknown => {
  const state: Record<PropertyKey, unknown> = { font: '10px sans-serif', measureText };
  return new Proxy(state, {
    get: (target, property) => (property in target ? target[property] : () => undefined),
    set: (target, property, value: unknown) => {
      target[property] = value;
      return true;
    },
  });
};

if (typeof HTMLCanvasElement !== 'undefined') {
  Object.defineProperty(HTMLCanvasElement.prototype, 'getContext', {
    configurable: true,
    value: (kind: string) => (kind === '2d' ? stubContext() : null),
  });
}

export {};
