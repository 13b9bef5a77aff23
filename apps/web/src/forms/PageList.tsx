import type { PageConfig } from '@lifeline/domain';
import { Button, Group, Indicator } from '@mantine/core';
import { memo, type MouseEvent } from 'react';
import { useIntl } from 'react-intl';
import { useLanguage } from '../i18n/LanguageProvider.tsx';

export const REVIEW = '_review';

/**
 * Navigation buttons keep the focus where it is when pressed: otherwise the field being left would show its
 * error on mousedown, moving the button from under the pointer before mouseup, and the click would be lost.
 * Leaving a page checks all of its fields anyway.
 */
export const keepFocus = (e: MouseEvent) => e.preventDefault();

/**
 * The form's pages as a row of steps (wrapping on narrow screens): where you are, where you can jump, and
 * which visited pages still have problems.
 */
export const PageList = memo(function PageList(props: {
  pages: PageConfig[];
  current: string;
  withProblems: ReadonlySet<string>;
  onSelect(pageId: string): void;
}) {
  const { text } = useLanguage();
  const intl = useIntl();
  const steps = [
    ...props.pages.map((p) => ({ id: p.id, label: text(p.title) })),
    { id: REVIEW, label: intl.formatMessage({ id: 'forms.review.step' }) },
  ];
  return (
    <nav aria-label={intl.formatMessage({ id: 'forms.pages' })}>
      <Group gap={6} wrap="wrap">
        {steps.map((step, i) => {
          const current = step.id === props.current;
          return (
            <Indicator key={step.id} color="red" size={9} offset={4} disabled={!props.withProblems.has(step.id)}>
              <Button
                size="compact-sm"
                variant={current ? 'filled' : 'light'}
                color={current ? 'blue' : 'gray'}
                aria-current={current ? 'step' : undefined}
                data-testid={`step-${step.id}`}
                onMouseDown={keepFocus}
                onClick={() => props.onSelect(step.id)}
              >
                {i + 1}. {step.label}
              </Button>
            </Indicator>
          );
        })}
      </Group>
    </nav>
  );
});
