import { Button, Group } from '@mantine/core';
import { useIntl } from 'react-intl';
import { Link } from 'react-router';

/** Links between the quick search results and the advanced search; the current one is marked for screen readers. */
export function SearchTabs({ current }: { current: 'quick' | 'advanced' }) {
  const intl = useIntl();
  const tabs = [
    { name: 'quick', to: '/search', label: intl.formatMessage({ id: 'advancedSearch.tab.quick' }) },
    { name: 'advanced', to: '/search/advanced', label: intl.formatMessage({ id: 'advancedSearch.tab.advanced' }) },
  ] as const;
  return (
    <Group component="nav" gap="xs" aria-label={intl.formatMessage({ id: 'advancedSearch.tabs' })}>
      {tabs.map((tab) => (
        <Button
          key={tab.name}
          component={Link}
          to={tab.to}
          size="compact-md"
          variant={tab.name === current ? 'filled' : 'default'}
          color="blue.8"
          aria-current={tab.name === current ? 'page' : undefined}
        >
          {tab.label}
        </Button>
      ))}
    </Group>
  );
}
