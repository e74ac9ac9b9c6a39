/**
 * The JSX runtime stand-in builds the same elements as React's own runtime (type, key, ref, props
 * with children), so components behave the same in the Kibana bundle.
 */
import { createRef, Fragment as ReactFragment, type ReactElement } from 'react';
import * as reactRuntime from 'react/jsx-runtime';
import { Fragment, jsx, jsxDEV, jsxs } from './react_jsx_runtime';

/** What React reads from an element (`ref` is not in ReactElement's type, but on every element). */
interface ElementShape {
  readonly type: unknown;
  readonly key: string | null;
  readonly ref: unknown;
  readonly props: unknown;
}

const shape = (element: ReactElement): ElementShape => ({
  type: element.type,
  key: element.key,
  ref: Reflect.get(element, 'ref'),
  props: element.props,
});

describe('react_jsx_runtime', () => {
  it('builds the element React’s jsx builds, with the key passed apart from the props', () => {
    const ref = createRef<HTMLDivElement>();
    expect(shape(jsx('div', { id: 'a', ref, children: 'text' }, 'k'))).toEqual(
      shape(reactRuntime.jsx('div', { id: 'a', ref, children: 'text' }, 'k'))
    );
    expect(shape(jsx('span', { children: 'no key' }))).toEqual(
      shape(reactRuntime.jsx('span', { children: 'no key' }))
    );
  });

  it('keeps static children arrays and fragments as React’s jsxs does', () => {
    const children = [jsx('li', { children: 'one' }, '1'), jsx('li', { children: 'two' }, '2')];
    expect(shape(jsxs(Fragment, { children }))).toEqual(
      shape(reactRuntime.jsxs(ReactFragment, { children }))
    );
    expect(Fragment).toBe(ReactFragment);
  });

  it('serves the development runtime with the same elements', () => {
    expect(shape(jsxDEV('p', { children: 'dev' }, 0))).toEqual(
      shape(reactRuntime.jsx('p', { children: 'dev' }, 0))
    );
  });
});
