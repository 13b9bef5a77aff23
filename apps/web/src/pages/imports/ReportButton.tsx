import { Button } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { FormattedMessage } from 'react-intl';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { downloadReport, type ReportKind } from './api.ts';

/** Download a report of an import (CSV): its refused rows and why, or its possible duplicates. */
export function ReportButton({ id, compact, kind = 'refused' }: { id: string; compact?: boolean; kind?: ReportKind }) {
  const download = useMutation({ mutationFn: () => downloadReport(id, kind) });
  return (
    <>
      <Button
        variant="light"
        size={compact ? 'xs' : 'sm'}
        loading={download.isPending}
        onClick={() => download.mutate()}
        data-testid={kind === 'refused' ? `report-${id}` : `report-${kind}-${id}`}
      >
        <FormattedMessage id={kind === 'refused' ? 'imports.report' : 'imports.report.duplicates'} />
      </Button>
      <ProblemAlert error={download.error} />
    </>
  );
}
