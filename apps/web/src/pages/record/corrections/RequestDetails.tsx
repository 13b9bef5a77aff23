import type { Action, EventConfig } from '@lifeline/domain';
import { Anchor, List, Text } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';
import { useLanguage } from '../../../i18n/LanguageProvider.tsx';
import { fetchFileUrl } from '../fetchFile.ts';

/** Open an uploaded document in a new tab (read with the user's token). */
const openFile = async (path: string) => window.open(await fetchFileUrl(path), '_blank', 'noopener');

interface Requester {
  type?: string;
  name?: string;
  idType?: string;
  idNumber?: string;
  relationship?: string;
}

/** Who asked for a correction, why, the evidence and the receipt, as the request recorded them. */
export function RequestDetails({ action, eventConfig }: { action: Action; eventConfig: EventConfig | undefined }) {
  const intl = useIntl();
  const { text } = useLanguage();
  const annotation = (action.annotation ?? {}) as {
    requester?: Requester;
    reason?: { type?: string; detail?: string };
    documents?: Array<{ path: string; originalFilename: string }>;
  };
  const requester = annotation.requester;
  const reason = annotation.reason;
  const reasonLabel = eventConfig?.corrections?.reasons.find((r) => r.id === reason?.type)?.label;
  const receipt = typeof action.content?.receiptNumber === 'string' ? action.content.receiptNumber : null;
  return (
    <div data-testid="correction-request">
      {requester?.type && (
        <Text size="sm">
          <FormattedMessage
            id="correction.requestedBy"
            values={{
              who: intl.formatMessage({ id: `correction.requester.${requester.type}` }),
              name: requester.name ?? '',
              id: requester.idNumber
                ? [
                    requester.idType && intl.formatMessage({ id: `certificate.idType.${requester.idType}` }),
                    requester.idNumber,
                  ]
                    .filter(Boolean)
                    .join(': ')
                : '—',
            }}
          />
        </Text>
      )}
      {reason?.type && (
        <Text size="sm">
          <FormattedMessage
            id="correction.reasonShown"
            values={{ reason: reasonLabel ? text(reasonLabel) : reason.type, detail: reason.detail ?? '' }}
          />
        </Text>
      )}
      {receipt && (
        <Text size="sm">
          <FormattedMessage id="correction.receipt" values={{ receipt }} />
        </Text>
      )}
      {!!annotation.documents?.length && (
        <List size="sm">
          {annotation.documents.map((doc) => (
            <List.Item key={doc.path}>
              <Anchor component="button" type="button" size="sm" onClick={() => void openFile(doc.path)}>
                {doc.originalFilename}
              </Anchor>
            </List.Item>
          ))}
        </List>
      )}
    </div>
  );
}
