import type { NewUserInput, UserDetails, UserUpdateInput } from '@lifeline/domain';
import { Button, Group, Modal, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useAppConfig } from '../../api/config.ts';
import { ApiError } from '../../api/client.ts';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useRoleLabel } from '../data/useEventConfig.ts';
import { OfficePicker } from './OfficePicker.tsx';
import { useCreateUser, useGrantableRoles, useUpdateUser } from './queries.ts';

interface Values {
  firstname: string;
  surname: string;
  role: string;
  primaryOfficeId: string;
  email: string;
  mobile: string;
  nid: string;
  language: string;
  preferredChannel: string;
}

const FIELDS: Array<keyof Values> = ['firstname', 'surname', 'role', 'primaryOfficeId', 'email', 'mobile', 'nid'];

function initial(user: UserDetails | undefined, officeId: string, language: string): Values {
  return {
    firstname: user?.firstname ?? '',
    surname: user?.surname ?? '',
    role: user?.role ?? '',
    primaryOfficeId: user?.primaryOfficeId ?? officeId,
    email: user?.email ?? '',
    mobile: user?.mobile ?? '',
    nid: user?.nid ?? '',
    language: user?.language ?? language,
    preferredChannel: user?.preferredChannel ?? '',
  };
}

/** The server's complaint about each field, to show under it. */
function fieldErrors(error: unknown): Partial<Record<string, string>> {
  if (!(error instanceof ApiError)) return {};
  return Object.fromEntries((error.problem.errors ?? []).map((e) => [e.field.replace(/^body\./, ''), e.message]));
}

interface Props {
  opened: boolean;
  onClose(): void;
  /** Edit this user; create a new one when absent. */
  user?: UserDetails;
  /** The office a new user starts in (the team page's). */
  officeId?: string;
  onSaved(user: UserDetails, created: boolean): void;
}

/** Create a member of staff (who is then invited) or change one: names, role, office, contact details. */
export function UserFormModal({ opened, onClose, user, officeId = '', onSaved }: Props) {
  const intl = useIntl();
  const config = useAppConfig();
  const roleLabel = useRoleLabel();
  const grantable = useGrantableRoles();
  const languages = config.data?.settings.languages ?? ['en'];
  const [values, setValues] = useState<Values>(() => initial(user, officeId, languages[0]));
  const create = useCreateUser();
  const update = useUpdateUser(user?.id ?? '');
  const mutation = user ? update : create;
  const errors = fieldErrors(mutation.error);
  const set = (key: keyof Values) => (value: string) => setValues((v) => ({ ...v, [key]: value }));
  const roles = (user ? grantable.data?.edit : grantable.data?.create) ?? [];
  // The user's own role stays listed even when it is not one the administrator may give (then it cannot change).
  const roleOptions = [...new Set([...(user ? [user.role] : []), ...roles])].map((id) => ({
    value: id,
    label: roleLabel(id),
  }));

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const optional = (v: string) => v.trim() || undefined;
    if (user) {
      const changes: UserUpdateInput = {};
      for (const key of ['firstname', 'surname', 'role', 'primaryOfficeId', 'language'] as const) {
        if (values[key] !== initial(user, '', '')[key]) Object.assign(changes, { [key]: values[key] });
      }
      for (const key of ['email', 'mobile', 'nid'] as const) {
        if (values[key] !== (user[key] ?? '')) Object.assign(changes, { [key]: optional(values[key]) ?? null });
      }
      if (values.preferredChannel !== (user.preferredChannel ?? '')) {
        changes.preferredChannel = (values.preferredChannel || null) as UserUpdateInput['preferredChannel'];
      }
      if (Object.keys(changes).length === 0) return onClose();
      update.mutate(changes, { onSuccess: (saved) => onSaved(saved, false) });
    } else {
      const input: NewUserInput = {
        firstname: values.firstname,
        surname: values.surname,
        role: values.role,
        primaryOfficeId: values.primaryOfficeId,
        email: optional(values.email),
        mobile: optional(values.mobile),
        nid: optional(values.nid),
        language: values.language,
        preferredChannel: (values.preferredChannel || undefined) as NewUserInput['preferredChannel'],
      };
      create.mutate(input, { onSuccess: (saved) => onSaved(saved, true) });
    }
  };

  const label = (key: string) => intl.formatMessage({ id: `userForm.${key}` });
  const unknownErrors = Object.keys(errors).some((f) => !FIELDS.includes(f as keyof Values));

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      size="lg"
      title={<FormattedMessage id={user ? 'userForm.editTitle' : 'userForm.createTitle'} />}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={label('firstname')}
              value={values.firstname}
              onChange={(e) => set('firstname')(e.currentTarget.value)}
              error={errors.firstname}
              required
              data-autofocus
            />
            <TextInput
              label={label('surname')}
              value={values.surname}
              onChange={(e) => set('surname')(e.currentTarget.value)}
              error={errors.surname}
              required
            />
            <Select
              label={label('role')}
              data={roleOptions}
              value={values.role || null}
              onChange={(v) => set('role')(v ?? '')}
              error={errors.role}
              required
              allowDeselect={false}
              data-testid="role-select"
            />
            <OfficePicker
              label={label('office')}
              value={values.primaryOfficeId}
              onChange={set('primaryOfficeId')}
              error={errors.primaryOfficeId}
              required
              testId="user-office"
            />
            <TextInput
              label={label('email')}
              type="email"
              value={values.email}
              onChange={(e) => set('email')(e.currentTarget.value)}
              error={errors.email}
              description={label('contactHelp')}
            />
            <TextInput
              label={label('mobile')}
              type="tel"
              value={values.mobile}
              onChange={(e) => set('mobile')(e.currentTarget.value)}
              error={errors.mobile}
            />
            <TextInput
              label={label('nid')}
              value={values.nid}
              onChange={(e) => set('nid')(e.currentTarget.value)}
              error={errors.nid}
            />
            <Select
              label={label('language')}
              data={languages.map((l) => ({
                value: l,
                label: intl.formatMessage({ id: `language.${l}`, defaultMessage: l }),
              }))}
              value={values.language}
              onChange={(v) => set('language')(v ?? languages[0])}
              allowDeselect={false}
            />
            <Select
              label={label('channel')}
              data={[
                { value: '', label: label('channel.auto') },
                { value: 'email', label: label('channel.email') },
                { value: 'sms', label: label('channel.sms') },
              ]}
              value={values.preferredChannel}
              onChange={(v) => set('preferredChannel')(v ?? '')}
              allowDeselect={false}
            />
          </SimpleGrid>
          {mutation.error &&
            (unknownErrors || !(mutation.error instanceof ApiError) || !mutation.error.problem.errors) && (
              <ProblemAlert error={mutation.error} />
            )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              <FormattedMessage id="common.cancel" />
            </Button>
            <Button type="submit" color="blue.8" loading={mutation.isPending}>
              <FormattedMessage id={user ? 'userForm.save' : 'userForm.create'} />
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
