/** The exception flyout, loaded when first opened (it is not needed to list or read alerts). */
import { lazy, Suspense } from 'react';
import type { AddExceptionFlyoutProps } from './add_exception_flyout';

const AddExceptionFlyoutChunk = lazy(() =>
  import('./add_exception_flyout').then((module) => ({ default: module.AddExceptionFlyout }))
);

export const LazyAddExceptionFlyout = (props: AddExceptionFlyoutProps) => (
  <Suspense fallback={null}>
    <AddExceptionFlyoutChunk {...props} />
  </Suspense>
);
