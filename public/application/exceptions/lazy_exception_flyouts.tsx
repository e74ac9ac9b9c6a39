/** The exception flyouts, loaded when first opened (they are not needed to list or read alerts). */
import { lazy, Suspense } from 'react';
import type { AddExceptionFlyoutProps } from './add_exception_flyout';
import type { EditExceptionFlyoutProps } from './edit_exception_flyout';

const AddExceptionFlyoutChunk = lazy(() =>
  import('./add_exception_flyout').then((module) => ({ default: module.AddExceptionFlyout }))
);

export const LazyAddExceptionFlyout = (props: AddExceptionFlyoutProps) => (
  <Suspense fallback={null}>
    <AddExceptionFlyoutChunk {...props} />
  </Suspense>
);

const EditExceptionFlyoutChunk = lazy(() =>
  import('./edit_exception_flyout').then((module) => ({ default: module.EditExceptionFlyout }))
);

export const LazyEditExceptionFlyout = (props: EditExceptionFlyoutProps) => (
  <Suspense fallback={null}>
    <EditExceptionFlyoutChunk {...props} />
  </Suspense>
);
