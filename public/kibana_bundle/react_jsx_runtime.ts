/**
 * Kibana build only: stands in for `react/jsx-runtime` (and `react/jsx-dev-runtime`), which
 * Kibana does not share (`react` is shared, the subpath is not: webpack externals match whole
 * specifiers). Bundling React's own runtime would tie the bundle to one React major; these
 * functions build elements with the shared React's `createElement`, so the same bundle runs on
 * React 17 (Kibana 8.19) and React 18 (Kibana 9.2).
 *
 * The automatic runtime passes children inside `props` and the key separately; `createElement`
 * keeps `props.children` when given no child arguments and reads `key`/`ref` from the props.
 */
import { createElement, Fragment, type ReactElement } from 'react';

type ElementTypeArgument = Parameters<typeof createElement>[0];
type PropsArgument = Record<string, unknown> | null;

export const jsx = (type: ElementTypeArgument, props: PropsArgument, key?: unknown): ReactElement =>
  createElement(type, key === undefined ? props : { ...props, key });

/** Static children: only development builds treat them differently (key warnings). */
export const jsxs = jsx;

/** `react/jsx-dev-runtime`'s entry: the extra arguments (isStatic, source, self) only feed dev warnings. */
export const jsxDEV = (
  type: ElementTypeArgument,
  props: PropsArgument,
  key?: unknown
): ReactElement => jsx(type, props, key);

export { Fragment };
