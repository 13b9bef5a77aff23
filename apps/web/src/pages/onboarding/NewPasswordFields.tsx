import { passwordProblems } from '@lifeline/domain';
import { List, PasswordInput, Stack } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';

export interface NewPassword {
  password: string;
  confirm: string;
}

/** Whether a new password can be sent: the policy (the server's own rules, shared) and both entries equal. */
export const newPasswordReady = (p: NewPassword) =>
  passwordProblems(p.password).length === 0 && p.password === p.confirm;

/** The policy's rule a problem (in the domain's words) breaks, as a message id. */
function ruleOf(problem: string): string {
  if (problem.includes('at least')) return 'password.rule.length';
  if (problem.includes('at most')) return 'password.rule.max';
  if (problem.includes('uppercase')) return 'password.rule.upper';
  if (problem.includes('lowercase')) return 'password.rule.lower';
  return 'password.rule.digit';
}

/** A new password typed twice, with the policy shown as the person types. */
export function NewPasswordFields({
  value,
  onChange,
  error,
}: {
  value: NewPassword;
  onChange(v: NewPassword): void;
  error?: string;
}) {
  const intl = useIntl();
  const problems = value.password ? passwordProblems(value.password) : [];
  const mismatch = value.confirm && value.confirm !== value.password;
  return (
    <Stack gap="xs">
      <PasswordInput
        label={intl.formatMessage({ id: 'password.new' })}
        description={intl.formatMessage({ id: 'password.policy' })}
        value={value.password}
        onChange={(e) => onChange({ ...value, password: e.currentTarget.value })}
        autoComplete="new-password"
        error={error}
        required
      />
      {problems.length > 0 && (
        <List size="sm" c="red.9" aria-live="polite">
          {problems.map((p) => (
            <List.Item key={p}>
              <FormattedMessage id={ruleOf(p)} />
            </List.Item>
          ))}
        </List>
      )}
      <PasswordInput
        label={intl.formatMessage({ id: 'password.confirm' })}
        value={value.confirm}
        onChange={(e) => onChange({ ...value, confirm: e.currentTarget.value })}
        autoComplete="new-password"
        error={mismatch ? <FormattedMessage id="password.mismatch" /> : undefined}
        required
      />
    </Stack>
  );
}
