import { TextInput } from '@mantine/core';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { useNavigate } from 'react-router';

/** The header's search box: Enter opens the results page. */
export function QuickSearch({ onSearch }: { onSearch?(): void }) {
  const [term, setTerm] = useState('');
  const navigate = useNavigate();
  const intl = useIntl();
  const label = intl.formatMessage({ id: 'search.label' });
  return (
    <form
      role="search"
      onSubmit={(event) => {
        event.preventDefault();
        const q = term.trim();
        if (!q) return;
        onSearch?.();
        navigate(`/search?${new URLSearchParams({ q })}`);
      }}
    >
      <TextInput
        aria-label={label}
        placeholder={intl.formatMessage({ id: 'search.placeholder' })}
        value={term}
        onChange={(event) => setTerm(event.currentTarget.value)}
        type="search"
        w={{ base: '100%', sm: 280 }}
        data-testid="quick-search"
      />
    </form>
  );
}
