import { formFields, type Action, type EventConfig } from '@lifeline/domain';
import { Badge, List, Table, Text, VisuallyHidden } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';
import { useLanguage } from '../../i18n/LanguageProvider.tsx';
import { LocationName } from '../components/LocationName.tsx';
import { useFormatters } from '../data/format.ts';
import { useUsers } from '../data/queries.ts';
import { useRoleLabel } from '../data/useEventConfig.ts';
import { ChangesTable } from './corrections/ChangesTable.tsx';
import { changesOf } from './corrections/correction.ts';
import { RequestDetails } from './corrections/RequestDetails.tsx';

/** Every action on the record: what, who, their role and office, when, and what it changed. */
export function History({ actions, eventConfig }: { actions: Action[]; eventConfig: EventConfig | undefined }) {
  const intl = useIntl();
  const users = useUsers(
    actions.flatMap((a) => [a.createdBy, typeof a.content?.assignedTo === 'string' ? a.content.assignedTo : '']),
  );
  const roleLabel = useRoleLabel();
  const format = useFormatters();
  const nameOf = (id: string) => {
    const user = users.data?.get(id);
    return user ? `${user.firstname} ${user.surname}`.trim() : id.slice(0, 8);
  };
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table verticalSpacing="xs" data-testid="history">
        <VisuallyHidden component="caption">{intl.formatMessage({ id: 'record.history' })}</VisuallyHidden>
        <Table.Thead>
          <Table.Tr>
            {['history.action', 'history.who', 'history.role', 'history.office', 'history.when', 'history.details'].map(
              (id) => (
                <Table.Th key={id}>
                  <FormattedMessage id={id} />
                </Table.Th>
              ),
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {actions
            .map((action, index) => ({ action, index }))
            .reverse()
            .map(({ action, index }) => (
              <Table.Tr key={action.id} data-action={action.type}>
                <Table.Td>
                  <FormattedMessage id={`action.${action.type}`} />
                  {action.status !== 'Accepted' && (
                    <Badge ml="xs" size="xs" color={action.status === 'Rejected' ? 'red' : 'gray'}>
                      <FormattedMessage id={`actionStatus.${action.status}`} />
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{nameOf(action.createdBy)}</Table.Td>
                <Table.Td>{roleLabel(action.createdByRole)}</Table.Td>
                <Table.Td>
                  <LocationName id={action.createdAtLocation} />
                </Table.Td>
                <Table.Td>{format.dateTime(action.createdAt)}</Table.Td>
                <Table.Td>
                  <ActionDetails action={action} eventConfig={eventConfig} nameOf={nameOf} />
                  {CORRECTIONS.has(action.type) && eventConfig && (
                    <CorrectionDetails actions={actions} index={index} eventConfig={eventConfig} />
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

const CORRECTIONS = new Set(['REQUEST_CORRECTION', 'APPROVE_CORRECTION']);

/** What a correction changed (old beside new) and the evidence it was made on. */
function CorrectionDetails(props: { actions: Action[]; index: number; eventConfig: EventConfig }) {
  const { actions, index, eventConfig } = props;
  const action = actions[index];
  return (
    <details data-testid="correction-details">
      <summary>
        <FormattedMessage id="correction.changes" />
      </summary>
      <ChangesTable changes={changesOf(eventConfig, actions, index)} />
      {action.type === 'REQUEST_CORRECTION' && <RequestDetails action={action} eventConfig={eventConfig} />}
    </details>
  );
}

function ActionDetails(props: { action: Action; eventConfig: EventConfig | undefined; nameOf(id: string): string }) {
  const { action, eventConfig, nameOf } = props;
  const { text } = useLanguage();
  const changed = Object.keys(action.declaration ?? {});
  const labels = new Map(eventConfig ? formFields(eventConfig).map(({ field }) => [field.id, text(field.label)]) : []);
  const reason = typeof action.content?.reason === 'string' ? action.content.reason : null;
  const assignee = typeof action.content?.assignedTo === 'string' ? action.content.assignedTo : null;
  const duplicates = Array.isArray(action.content?.duplicates)
    ? (action.content.duplicates as Array<{ trackingId?: string; registrationNumber?: string | null }>)
    : [];
  return (
    <>
      {reason && (
        <Text size="sm">
          <FormattedMessage id="history.reason" values={{ reason }} />
        </Text>
      )}
      {action.registrationNumber && (
        <Text size="sm">
          <FormattedMessage id="history.registrationNumber" values={{ number: action.registrationNumber }} />
        </Text>
      )}
      {duplicates.length > 0 && (
        <Text size="sm">
          <FormattedMessage
            id="history.duplicates"
            values={{ records: duplicates.map((d) => d.registrationNumber ?? d.trackingId).join(', ') }}
          />
        </Text>
      )}
      {action.type === 'ASSIGN' && assignee && (
        <Text size="sm">
          <FormattedMessage id="history.assignedTo" values={{ name: nameOf(assignee) }} />
        </Text>
      )}
      {changed.length > 0 && (
        <details>
          <summary>
            <FormattedMessage id="history.changed" values={{ count: changed.length }} />
          </summary>
          <List size="sm">
            {changed.map((id) => (
              <List.Item key={id}>{labels.get(id) ?? id}</List.Item>
            ))}
          </List>
        </details>
      )}
    </>
  );
}
