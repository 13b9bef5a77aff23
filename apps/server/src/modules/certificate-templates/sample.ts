import { formFields, type EventConfig, type EventState, type JsonObject } from '@lifeline/domain';
import type { Country } from '../../country.ts';

/**
 * A made-up registered record of an event type, to preview a template without anyone's personal data: every
 * field of the form answered with a plausible value of its type (the first option, a location of its type).
 */
export function sampleState(country: Country, event: EventConfig, now = new Date()): EventState {
  const declaration: JsonObject = {};
  const locations = [...country.locations.all()];
  let names = 0;
  for (const { field } of formFields(event)) {
    switch (field.type) {
      case 'NAME':
        declaration[field.id] = {
          firstname: ['Amina', 'Joseph', 'Grace', 'Daniel', 'Ruth'][names++ % 5],
          surname: 'Sample',
        };
        break;
      case 'DATE':
        declaration[field.id] = '2025-01-15';
        break;
      case 'AGE':
      case 'NUMBER':
        declaration[field.id] = 30;
        break;
      case 'SELECT':
      case 'RADIO_GROUP':
        declaration[field.id] = field.options[0].value;
        break;
      case 'COUNTRY':
        declaration[field.id] = field.defaultValue ?? 'FAR';
        break;
      case 'LOCATION': {
        const location = locations.find((l) => l.type === field.locationType);
        if (location) declaration[field.id] = location.id;
        break;
      }
      case 'TEXT':
      case 'TEXTAREA':
        declaration[field.id] = 'Sample';
        break;
      case 'ID':
        declaration[field.id] = '1234567890';
        break;
      default:
        break;
    }
  }
  const office = locations.find((l) => l.type === 'CRVS_OFFICE');
  const at = now.toISOString();
  return {
    status: 'REGISTERED',
    flags: [],
    declaration,
    assignedTo: null,
    registrationNumber: 'SAMPLE0000001',
    createdBy: 'sample',
    createdByUserType: 'user',
    createdAtLocation: office?.id ?? null,
    updatedBy: 'sample',
    updatedByRole: 'LOCAL_REGISTRAR',
    updatedAtLocation: office?.id ?? null,
    legalStatuses: { DECLARED: null, REGISTERED: null },
    createdAt: at,
    updatedAt: at,
    declaredAt: at,
    registeredAt: at,
    registeredAtLocation: office?.id ?? null,
    deleted: false,
  };
}
