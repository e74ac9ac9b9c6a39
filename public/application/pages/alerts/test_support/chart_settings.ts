/**
 * The props a rendered chart's `Settings` received, read from React's fiber tree: jsdom has no
 * canvas layout to brush on, so a test calls the chart's own handlers (`onBrushEnd`) directly.
 */
import { Settings, type SettingsProps } from '@elastic/charts';

interface Fiber {
  readonly type: unknown;
  readonly memoizedProps: unknown;
  readonly child: Fiber | null;
  readonly sibling: Fiber | null;
}

/** React keeps an element's fiber under a `__reactFiber$<random>` key. */
const fiberOf = (element: Element): Fiber | undefined => {
  const key = Object.keys(element).find((name) => name.startsWith('__reactFiber$'));
  return key === undefined
    ? undefined
    : ((element as unknown as Record<string, unknown>)[key] as Fiber);
};

const findSettings = (fiber: Fiber | null): Partial<SettingsProps> | undefined => {
  for (let node = fiber; node !== null; node = node.sibling) {
    if (node.type === Settings) return node.memoizedProps as Partial<SettingsProps>;
    const inChild = findSettings(node.child);
    if (inChild !== undefined) return inChild;
  }
  return undefined;
};

/** The Settings props of the chart inside `container` (the element holding the `Chart`). */
export const chartSettings = (container: Element): Partial<SettingsProps> => {
  const root = fiberOf(container);
  const settings = root === undefined ? undefined : findSettings(root.child);
  if (settings === undefined) throw new Error('no chart Settings under this element');
  return settings;
};
