import type { JsonObject } from './actions.ts';
import type { Collector } from './annotations.ts';
import type { FieldError } from './validation.ts';

/** Where the identity numbers of a person on a record are kept, by ID type. */
const ID_FIELDS: Record<string, string> = {
  NATIONAL_ID: 'nid',
  PASSPORT: 'passport',
  BIRTH_REGISTRATION_NUMBER: 'brn',
};

/** Informants who are also a person with their own section on the record (their details are asked there). */
const INFORMANT_SECTIONS: Record<string, string> = { MOTHER: 'mother', FATHER: 'father', SPOUSE: 'spouse' };

const normalise = (id: string) => id.replace(/[\s-]/g, '').toUpperCase();

/** The section of the record holding the collector's details: `mother`, `informant`, ... */
function personOf(type: Collector['type'], declaration: JsonObject): string | null {
  if (type === 'MOTHER') return 'mother';
  if (type === 'FATHER') return 'father';
  if (type !== 'INFORMANT') return null;
  const relation = declaration['informant.relation'];
  const section = typeof relation === 'string' ? INFORMANT_SECTIONS[relation] : undefined;
  return section && declaration[`${section}.name`] ? section : 'informant';
}

/**
 * Who may collect a certificate (or ask for a correction), and proof it is them. The informant, mother or father must show an ID whose number
 * is the one on the record (when the record has one); anyone else gives name, ID and relationship. Printing in
 * advance needs none of it: the check happens when the certificate is handed over (ISSUE_CERTIFICATE).
 */
export function checkCollector(
  collector: Collector,
  identityVerified: boolean,
  declaration: JsonObject,
  options: {
    printInAdvanceAllowed: boolean;
    /** Where the person's fields are in the request (errors name them). */
    at?: string;
    identityField?: string;
    /** Who the person is, in messages: "collector" (default) or "requester". */
    who?: string;
  },
): FieldError[] {
  const prefix = options.at ?? 'annotation.collector';
  const at = (field: string, message: string): FieldError => ({ field: `${prefix}.${field}`, message });
  if (collector.type === 'PRINT_IN_ADVANCE') {
    return options.printInAdvanceAllowed
      ? []
      : [at('type', 'a certificate printed in advance is handed over to its collector: say who collects it')];
  }
  const errors: FieldError[] = [];
  if (!identityVerified) {
    errors.push({
      field: options.identityField ?? 'annotation.identityVerified',
      message: `the ${options.who ?? 'collector'}'s identity must be checked`,
    });
  }
  if (collector.type === 'OTHER') {
    for (const field of ['name', 'idType', 'idNumber', 'relationship'] as const) {
      if (!collector[field]) errors.push(at(field, `required for someone else (not on the record)`));
    }
    return errors;
  }
  const person = personOf(collector.type, declaration);
  if (!person || !declaration[`${person}.name`]) {
    return [
      ...errors,
      at('type', `the record has no ${collector.type.toLowerCase()} details: choose another collector`),
    ];
  }
  const onRecord = Object.entries(ID_FIELDS)
    .map(([idType, suffix]) => ({ idType, number: declaration[`${person}.${suffix}`] }))
    .filter((id): id is { idType: string; number: string } => typeof id.number === 'string' && id.number !== '');
  if (onRecord.length === 0) {
    // Nothing on record to compare with: the ID checked at the counter is kept with the print.
    if (!collector.idType) errors.push(at('idType', 'say which ID document was checked'));
    if (!collector.idNumber) errors.push(at('idNumber', 'give the number of the ID document checked'));
    return errors;
  }
  if (!collector.idNumber) return [...errors, at('idNumber', `required: the record holds the ${person}'s ID`)];
  const candidates = collector.idType ? onRecord.filter((id) => id.idType === collector.idType) : onRecord;
  if (!candidates.some((id) => normalise(id.number) === normalise(collector.idNumber!))) {
    errors.push(at('idNumber', `does not match the ${person}'s ID on the record`));
  }
  return errors;
}
