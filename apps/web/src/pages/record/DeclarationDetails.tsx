import type { EventConfig } from '@lifeline/domain';
import { Loader } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { useIntl } from 'react-intl';

// The forms' read-only view (the same as their review page), loaded with the form code, not on first load.
const DeclarationView = lazy(() =>
  import('../../forms/DeclarationView.tsx').then((module) => ({ default: module.DeclarationView })),
);

/** All details of the declaration, as on the review page. */
export function DeclarationDetails(props: { eventConfig: EventConfig; declaration: Record<string, unknown> }) {
  const intl = useIntl();
  return (
    <Suspense fallback={<Loader size="sm" aria-label={intl.formatMessage({ id: 'common.loading' })} />}>
      <DeclarationView {...props} />
    </Suspense>
  );
}
