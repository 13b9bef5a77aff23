import type { ApplicationSettings, EventConfig, FieldConfig } from '@lifeline/domain';
import { createContext, useContext } from 'react';

/** What every field may need besides its own value: settings, today's date, where the user works. */
export interface FormContextValue {
  event: EventConfig;
  settings: ApplicationSettings;
  /** Today in the country's time zone (YYYY-MM-DD). */
  today: string;
  /** The area the user's office is in: location pickers suggest what is near. */
  homeAreaId: string | null;
}

export const FormContext = createContext<FormContextValue | null>(null);

export function useFormContext(): FormContextValue {
  const value = useContext(FormContext);
  if (!value) throw new Error('form fields need a FormContext');
  return value;
}

/** What the form passes each field. Callbacks are stable, so unchanged fields do not re-render as others change. */
export interface FieldProps<F extends FieldConfig = FieldConfig> {
  field: F;
  value: unknown;
  /** Shown under the field, already in the user's language. */
  error?: string;
  /** A new answer, or a function of the latest one (for answers made of parts, typed in quick succession). */
  onChange(id: string, value: unknown): void;
  onBlur(id: string): void;
}

export type FieldOf<T extends FieldConfig['type']> = Extract<FieldConfig, { type: T }>;

/** Attributes that let people (labels) and tests (data-testid, data-field) find a field. */
export function wrapperProps(field: FieldConfig) {
  return { 'data-testid': field.id, 'data-field-type': field.type, id: `field-${field.id}` };
}
