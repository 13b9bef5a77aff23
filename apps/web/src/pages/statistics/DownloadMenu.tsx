import { Button, Menu } from '@mantine/core';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { download } from './api.ts';

/** "Download" CSV or XLSX of a statistic: `path` is its JSON address, e.g. /api/statistics/registrations?... */
export function DownloadMenu({ path }: { path: string }) {
  const intl = useIntl();
  const [failed, setFailed] = useState<string | null>(null);
  const [base, query] = path.split('?');
  const get = (format: 'csv' | 'xlsx') => {
    setFailed(null);
    download(`${base}.${format}?${query ?? ''}`).catch((error: Error) => setFailed(error.message));
  };
  return (
    <>
      <Menu position="bottom-end">
        <Menu.Target>
          <Button variant="light" size="xs">
            <FormattedMessage id="statistics.download" />
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item onClick={() => get('csv')}>
            <FormattedMessage id="statistics.download.csv" />
          </Menu.Item>
          <Menu.Item onClick={() => get('xlsx')}>
            <FormattedMessage id="statistics.download.xlsx" />
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      {failed && (
        <span role="alert">{intl.formatMessage({ id: 'statistics.download.failed' }, { reason: failed })}</span>
      )}
    </>
  );
}
