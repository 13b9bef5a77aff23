import type { CSSProperties } from 'react';

/**
 * Mantine's "dimmed" grey (input descriptions, secondary text) is gray.6, and its error red is red.6: both about
 * 3.3:1 on white, under the 4.5:1 WCAG AA asks of text. Set on a page's (or dialog's) root, this makes them gray.7
 * (8.6:1) and red.9 (5.4:1) for everything inside.
 */
export const READABLE_DIMMED = {
  '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
  '--mantine-color-error': 'var(--mantine-color-red-9)',
} as CSSProperties;
