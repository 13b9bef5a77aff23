import { Button } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { FormattedMessage } from 'react-intl';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { downloadReport } from './api.ts';

/** Download the refused rows of an import and why (CSV). */
export function ReportButton({ id, compact }: { id: string; compact?: boolean }) {
  const download = useMutation({ mutationFn: () => downloadReport(id) });
  return (
    <>
      <Button
        variant="light"
        size={compact ? 'xs' : 'sm'}
        loading={download.isPending}
        onClick={() => download.mutate()}
        data-testid={`report-${id}`}
      >
        <FormattedMessage id="imports.report" />
      </Button>
      <ProblemAlert error={download.error} />
    </>
  );
}
