import type { Values } from '@lifeline/domain';
import type { FieldProps } from '../FormContext.ts';
import { AddressField } from './AddressField.tsx';
import { CheckboxField, RadioField, SelectField } from './ChoiceField.tsx';
import { CountryField } from './CountryField.tsx';
import { DateField } from './DateField.tsx';
import { DataField, TextBlock } from './DisplayField.tsx';
import { FileField, FileWithOptionsField } from './FileField.tsx';
import { LocationField } from './LocationField.tsx';
import { NameField } from './NameField.tsx';
import { NumberField, NumberWithUnitField } from './NumberField.tsx';
import { SignatureField } from './SignatureField.tsx';
import { TextField } from './TextField.tsx';

/** The input for a field of any type. DATA fields summarise other answers, so they get all of them. */
export function Field(props: FieldProps & { values: Values }) {
  const { field, values, ...rest } = props;
  switch (field.type) {
    case 'TEXT':
    case 'TEXTAREA':
    case 'PHONE':
    case 'EMAIL':
    case 'ID':
    case 'TIME':
      return <TextField {...rest} field={field.type === 'TIME' ? { ...field, type: 'TEXT', maxLength: 5 } : field} />;
    case 'NUMBER':
    case 'AGE':
      return <NumberField {...rest} field={field} />;
    case 'NUMBER_WITH_UNIT':
      return <NumberWithUnitField {...rest} field={field} />;
    case 'DATE':
      return <DateField {...rest} field={field} />;
    case 'NAME':
      return <NameField {...rest} field={field} />;
    case 'SELECT':
      return <SelectField {...rest} field={field} />;
    case 'RADIO_GROUP':
      return <RadioField {...rest} field={field} />;
    case 'CHECKBOX':
      return <CheckboxField {...rest} field={field} />;
    case 'COUNTRY':
      return <CountryField {...rest} field={field} />;
    case 'LOCATION':
      return <LocationField {...rest} field={field} />;
    case 'ADDRESS':
      return <AddressField {...rest} field={field} />;
    case 'FILE':
      return <FileField {...rest} field={field} />;
    case 'FILE_WITH_OPTIONS':
      return <FileWithOptionsField {...rest} field={field} />;
    case 'SIGNATURE':
      return <SignatureField {...rest} field={field} />;
    case 'DATA':
      return <DataField field={field} values={values} />;
    case 'HEADING':
    case 'PARAGRAPH':
    case 'BULLET_LIST':
    case 'DIVIDER':
      return <TextBlock field={field} />;
  }
}
