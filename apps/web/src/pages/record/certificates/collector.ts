import { fullName } from '@lifeline/domain';
import { ApiError } from '../../../api/client.ts';

/** Who takes the certificate (the server's `collector.type`). */
export type CollectorType = 'INFORMANT' | 'MOTHER' | 'FATHER' | 'OTHER' | 'PRINT_IN_ADVANCE';

/** ID documents the server knows (`collector.idType`). */
export const ID_TYPES = ['NATIONAL_ID', 'PASSPORT', 'BIRTH_REGISTRATION_NUMBER', 'DRIVING_LICENSE', 'OTHER'] as const;
export type IdType = (typeof ID_TYPES)[number];

export const PAYMENT_METHODS = ['CASH', 'CARD', 'MOBILE_MONEY', 'BANK_TRANSFER'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** Where a person's ID numbers are kept on the record, by ID type (as the server checks them). */
const ID_FIELDS: Array<[IdType, string]> = [
  ['NATIONAL_ID', 'nid'],
  ['PASSPORT', 'passport'],
  ['BIRTH_REGISTRATION_NUMBER', 'brn'],
];

/** Informants who are also a person with their own section on the record. */
const INFORMANT_SECTIONS: Record<string, string> = { MOTHER: 'mother', FATHER: 'father', SPOUSE: 'spouse' };

/** A person on the record who may collect the certificate by showing their ID. */
export interface RecordPerson {
  type: 'INFORMANT' | 'MOTHER' | 'FATHER';
  /** The section holding their details: `mother`, `informant`, ... */
  section: string;
  name: string;
  /** The informant's relationship when the informant is also the mother, father or spouse. */
  alsoInformant: boolean;
  /** Their ID numbers on the record; empty when none was declared. */
  ids: Array<{ idType: IdType; number: string }>;
  /** The ID type declared for them (`mother.idType`), when it is one a collector can show. */
  declaredIdType: IdType | null;
}

function personAt(
  type: RecordPerson['type'],
  section: string,
  declaration: Record<string, unknown>,
): RecordPerson | null {
  const name = fullName(declaration[`${section}.name`]);
  if (!name) return null;
  const ids = ID_FIELDS.map(([idType, suffix]) => ({ idType, number: declaration[`${section}.${suffix}`] })).filter(
    (id): id is { idType: IdType; number: string } => typeof id.number === 'string' && id.number.trim() !== '',
  );
  const declared = declaration[`${section}.idType`];
  const declaredIdType = (ID_TYPES as readonly unknown[]).includes(declared) ? (declared as IdType) : null;
  return { type, section, name, alsoInformant: false, ids, declaredIdType };
}

/**
 * The people on the record who may collect its certificate: the informant, the mother and the father, when the
 * record names them. An informant who is the mother (or father) is that person, shown once.
 */
export function peopleOnRecord(declaration: Record<string, unknown>): RecordPerson[] {
  const relation = declaration['informant.relation'];
  const informantSection = typeof relation === 'string' ? INFORMANT_SECTIONS[relation] : undefined;
  const people: RecordPerson[] = [];
  for (const [type, section] of [
    ['MOTHER', 'mother'],
    ['FATHER', 'father'],
  ] as const) {
    const person = personAt(type, section, declaration);
    if (person) people.push({ ...person, alsoInformant: informantSection === section });
  }
  const informantIsListed = people.some((p) => p.alsoInformant);
  if (!informantIsListed) {
    const section = informantSection && declaration[`${informantSection}.name`] ? informantSection : 'informant';
    const informant = personAt('INFORMANT', section, declaration);
    if (informant) people.unshift(informant);
  }
  return people;
}

const normalise = (id: string) => id.replace(/[\s-]/g, '').toUpperCase();

/** Whether an ID number shown at the counter is the one on the record (as the server compares them). */
export function idMatches(person: RecordPerson, idType: IdType | '', number: string): boolean | null {
  if (!number.trim() || person.ids.length === 0) return null;
  const candidates = idType ? person.ids.filter((id) => id.idType === idType) : person.ids;
  return candidates.some((id) => normalise(id.number) === normalise(number));
}

/** What the collector section of the dialog holds. */
export interface CollectorForm {
  type: CollectorType | '';
  idType: IdType | '';
  idNumber: string;
  name: string;
  relationship: string;
  identityVerified: boolean;
}

export const emptyCollector: CollectorForm = {
  type: '',
  idType: '',
  idNumber: '',
  name: '',
  relationship: '',
  identityVerified: false,
};

/** The collector as the API takes it: only what applies to the kind of collector. */
export function collectorBody(form: CollectorForm) {
  if (form.type === 'PRINT_IN_ADVANCE') return { type: form.type };
  const trimmed = (text: string) => text.trim() || undefined;
  return {
    type: form.type as CollectorType,
    idType: form.idType || undefined,
    idNumber: trimmed(form.idNumber),
    ...(form.type === 'OTHER' ? { name: trimmed(form.name), relationship: trimmed(form.relationship) } : {}),
  };
}

/** The dialog's fields a server error can name. */
export type DialogField =
  | 'type'
  | 'idType'
  | 'idNumber'
  | 'name'
  | 'relationship'
  | 'identityVerified'
  | 'amount'
  | 'currency'
  | 'method'
  | 'certificateId';

const FIELD_OF: Record<string, DialogField> = {
  'annotation.collector.type': 'type',
  'annotation.collector.idType': 'idType',
  'annotation.collector.idNumber': 'idNumber',
  'annotation.collector.name': 'name',
  'annotation.collector.relationship': 'relationship',
  'annotation.collector': 'type',
  'annotation.identityVerified': 'identityVerified',
  'annotation.payment.amount': 'amount',
  'annotation.payment.currency': 'currency',
  'annotation.payment.method': 'method',
  'annotation.payment': 'amount',
  'annotation.certificateId': 'certificateId',
};

/**
 * A refused print or hand-over, split into messages for the dialog's fields (400 errors naming them) and what
 * concerns the whole request (a conflict, a field the dialog does not show).
 */
export function dialogErrors(error: unknown): { fields: Partial<Record<DialogField, string>>; general: unknown } {
  if (!(error instanceof ApiError) || error.status !== 400 || !error.problem.errors?.length) {
    return { fields: {}, general: error };
  }
  const fields: Partial<Record<DialogField, string>> = {};
  const rest = [];
  for (const e of error.problem.errors) {
    const field = FIELD_OF[e.field.replace(/^body\./, '')];
    if (field) fields[field] = fields[field] ? `${fields[field]}; ${e.message}` : e.message;
    else rest.push(e);
  }
  const general = rest.length ? new ApiError({ ...error.problem, errors: rest }) : null;
  return { fields, general };
}
