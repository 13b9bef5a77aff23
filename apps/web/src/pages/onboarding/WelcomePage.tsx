import { Button, Group, Paper, Stack, Stepper, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useNavigate } from 'react-router';
import { api } from '../../api/client.ts';
import { useMe } from '../../api/config.ts';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { usePermissions } from '../data/permissions.ts';
import { HelpHtml } from '../help/HelpContent.tsx';
import { SignatureCapture } from './SignatureCapture.tsx';

/** The tour's stops, for every role; each says what that part of the app is for. */
const TOUR = ['workqueues', 'declare', 'search', 'help'] as const;

/**
 * The first time someone signs in: a word of welcome, their electronic signature if they sign certificates
 * (profile.electronic-signature), then a short tour; after that the app opens on their home page.
 */
export default function WelcomePage() {
  const intl = useIntl();
  const me = useMe();
  const permissions = usePermissions();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const signs = permissions.has('profile.electronic-signature');
  const [step, setStep] = useState(0);
  const finish = useMutation({
    mutationFn: () => api('/api/users/me/onboarded', { method: 'POST' }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['me'] });
      void navigate('/', { replace: true });
    },
  });
  const steps = ['welcome', ...(signs ? ['signature'] : []), 'tour'];
  const current = steps[step];

  return (
    <Stack maw={760} gap="md">
      <Title order={1} size="h2">
        <FormattedMessage id="welcome.title" values={{ name: me.data?.firstname ?? '' }} />
      </Title>
      <Stepper active={step} size="sm" allowNextStepsSelect={false}>
        {steps.map((s) => (
          <Stepper.Step key={s} label={intl.formatMessage({ id: `welcome.step.${s}` })} />
        ))}
      </Stepper>
      <Paper withBorder p="md">
        {current === 'welcome' && <HelpHtml page="welcome" />}
        {current === 'signature' && <SignatureCapture onSaved={() => setStep(step + 1)} />}
        {current === 'tour' && (
          <Stack data-testid="tour">
            {TOUR.map((stop) => (
              <div key={stop}>
                <Text fw={700}>
                  <FormattedMessage id={`welcome.tour.${stop}.title`} />
                </Text>
                <Text>
                  <FormattedMessage id={`welcome.tour.${stop}`} />
                </Text>
              </div>
            ))}
          </Stack>
        )}
      </Paper>
      <ProblemAlert error={finish.error} />
      <Group justify="space-between">
        <Button variant="subtle" onClick={() => finish.mutate()} disabled={finish.isPending}>
          <FormattedMessage id="welcome.skip" />
        </Button>
        {current === 'tour' ? (
          <Button color="blue.8" onClick={() => finish.mutate()} loading={finish.isPending}>
            <FormattedMessage id="welcome.start" />
          </Button>
        ) : current === 'welcome' ? (
          <Button color="blue.8" onClick={() => setStep(step + 1)}>
            <FormattedMessage id="welcome.next" />
          </Button>
        ) : null}
      </Group>
    </Stack>
  );
}
