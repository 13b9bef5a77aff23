import type { Condition, FieldConfig, FieldOption, LocationType, Text, ValidationRule } from '@lifeline/domain';
import { settings } from '../settings.ts';
import { t } from '../text.ts';
import { ID_TYPES, YES_NO } from './options.ts';
import { and, eq, not, or } from './rules.ts';

/** What every field builder accepts besides its id and label. */
export interface Common {
  required?: boolean;
  showIf?: Condition;
  validations?: ValidationRule[];
  helpText?: Text;
}

/** Drop undefined properties so the config reads cleanly when printed or stored. */
function make(field: FieldConfig): FieldConfig {
  return Object.fromEntries(Object.entries(field).filter(([, v]) => v !== undefined)) as FieldConfig;
}

// The schema fills these defaults too; they are written out so the objects are complete EventConfigs as typed.
const DOCUMENT_TYPES = ['image/jpeg', 'image/png', 'application/pdf'];
const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;
const NAME_PART_MAX = 32;

export const heading = (id: string, label: Text, o: Common = {}) => make({ id, label, type: 'HEADING', ...o });
export const paragraph = (id: string, label: Text, o: Common = {}) => make({ id, label, type: 'PARAGRAPH', ...o });
export const textField = (id: string, label: Text, o: Common & { maxLength?: number; pattern?: string } = {}) =>
  make({ id, label, type: 'TEXT', maxLength: 255, ...o });
export const textArea = (id: string, label: Text, o: Common & { maxLength?: number } = {}) =>
  make({ id, label, type: 'TEXTAREA', maxLength: 2000, ...o });
export const numberField = (
  id: string,
  label: Text,
  o: Common & { min?: number; max?: number; integer?: boolean; unit?: Text } = {},
) => make({ id, label, type: 'NUMBER', ...o });
export const numberWithUnit = (
  id: string,
  label: Text,
  o: Common & { units: FieldOption[]; min?: number; max?: number },
) => make({ id, label, type: 'NUMBER_WITH_UNIT', ...o });
export const dateField = (id: string, label: Text, o: Common = {}) => make({ id, label, type: 'DATE', ...o });
export const ageField = (id: string, label: Text, o: Common & { min: number; max: number }) =>
  make({ id, label, type: 'AGE', ...o });
export const nameField = (id: string, label: Text, o: Common = {}) =>
  make({ id, label, type: 'NAME', maxLength: NAME_PART_MAX, ...o });
export const phoneField = (id: string, label: Text, o: Common = {}) =>
  make({ id, label, type: 'PHONE', pattern: settings.phoneNumberPattern, ...o });
export const emailField = (id: string, label: Text, o: Common = {}) => make({ id, label, type: 'EMAIL', ...o });
export const idField = (id: string, label: Text, o: Common & { pattern: string }) =>
  make({ id, label, type: 'ID', ...o });
export const select = (id: string, label: Text, options: FieldOption[], o: Common = {}) =>
  make({ id, label, type: 'SELECT', options, ...o });
export const radio = (id: string, label: Text, options: FieldOption[], o: Common = {}) =>
  make({ id, label, type: 'RADIO_GROUP', options, ...o });
export const checkbox = (id: string, label: Text, o: Common = {}) => make({ id, label, type: 'CHECKBOX', ...o });
export const countryField = (id: string, label: Text, o: Common = {}) =>
  make({ id, label, type: 'COUNTRY', defaultValue: settings.countryCode, ...o });
export const locationField = (id: string, label: Text, locationType: LocationType, o: Common = {}) =>
  make({ id, label, type: 'LOCATION', locationType, ...o });
export const addressField = (id: string, label: Text, o: Common = {}) => make({ id, label, type: 'ADDRESS', ...o });
export const fileField = (id: string, label: Text, o: Common = {}) =>
  make({ id, label, type: 'FILE', accept: DOCUMENT_TYPES, maxSizeBytes: MAX_DOCUMENT_BYTES, ...o });
export const fileWithOptions = (id: string, label: Text, options: FieldOption[], o: Common = {}) =>
  make({
    id,
    label,
    type: 'FILE_WITH_OPTIONS',
    options,
    accept: DOCUMENT_TYPES,
    maxSizeBytes: MAX_DOCUMENT_BYTES,
    ...o,
  });
export const signatureField = (id: string, label: Text, o: Common = {}) => make({ id, label, type: 'SIGNATURE', ...o });

// ---- Building blocks of a person (mother, father, informant, deceased, spouse) ----

/** ID number formats other than the national ID (whose format is a country setting). */
const PASSPORT_PATTERN = '^[A-Z0-9]{6,12}$';
/** Accepts this system's numbers ({eventCode}{year}{seq:7}, e.g. B20250000042) and older shorter ones. */
const BRN_PATTERN = '^[A-Z0-9]{6,20}$';

export interface DobOptions {
  showIf?: Condition;
  /** Rules on the date of birth, e.g. "before the child's date of birth". */
  dobValidations?: ValidationRule[];
  age: { min: number; max: number };
}

/** `.dob`, or `.dobUnknown` ticked and then `.age`: exactly one of dob and age is asked for. */
export function dobFields(prefix: string, o: DobOptions): FieldConfig[] {
  const unknown = eq(`${prefix}.dobUnknown`, true);
  return [
    dateField(`${prefix}.dob`, t('Date of birth', 'Date de naissance'), {
      required: true,
      showIf: and(o.showIf, not(unknown)),
      validations: o.dobValidations,
    }),
    checkbox(`${prefix}.dobUnknown`, t('Exact date of birth unknown', 'Date de naissance exacte inconnue'), {
      showIf: o.showIf,
    }),
    ageField(`${prefix}.age`, t('Age (in years)', 'Âge (en années)'), {
      required: true,
      showIf: and(o.showIf, unknown),
      ...o.age,
    }),
  ];
}

export interface IdOptions {
  showIf?: Condition;
  /** Every national ID field of the record, this one included: different people cannot share a number. */
  distinctNids?: string[];
}

/** `.idType` and the number field that goes with it: `.nid`, `.passport` or `.brn`, each required when shown. */
export function idFields(prefix: string, o: IdOptions = {}): FieldConfig[] {
  const idType = `${prefix}.idType`;
  const distinct: ValidationRule[] | undefined =
    o.distinctNids && o.distinctNids.length > 1
      ? [
          {
            rule: { type: 'distinct', fields: o.distinctNids },
            message: t(
              'Must differ from the national ID numbers of the other people on this record',
              "Doit être différent des numéros d'identité nationaux des autres personnes de cette déclaration",
            ),
          },
        ]
      : undefined;
  return [
    select(idType, t('Type of ID', "Type de pièce d'identité"), ID_TYPES, { required: true, showIf: o.showIf }),
    idField(`${prefix}.nid`, t('National ID number', "Numéro d'identité national"), {
      required: true,
      showIf: and(o.showIf, eq(idType, 'NATIONAL_ID')),
      pattern: settings.nationalIdPattern,
      validations: distinct,
    }),
    idField(`${prefix}.passport`, t('Passport number', 'Numéro de passeport'), {
      required: true,
      showIf: and(o.showIf, eq(idType, 'PASSPORT')),
      pattern: PASSPORT_PATTERN,
    }),
    idField(`${prefix}.brn`, t('Birth registration number', "Numéro d'enregistrement de la naissance"), {
      required: true,
      showIf: and(o.showIf, eq(idType, 'BIRTH_REGISTRATION_NUMBER')),
      pattern: BRN_PATTERN,
    }),
  ];
}

export interface AddressOptions {
  showIf?: Condition;
  /** Ask "same address as ...?" first (`.addressSameAs`, YES/NO) and `.address` only when the answer is NO. */
  sameAs?: {
    label: Text;
    /** When the question makes sense (e.g. the mother's address is known); otherwise `.address` is asked. */
    showIf?: Condition;
  };
}

export function addressFields(prefix: string, o: AddressOptions = {}): FieldConfig[] {
  const label = t('Usual place of residence', 'Lieu de résidence habituelle');
  if (!o.sameAs) return [addressField(`${prefix}.address`, label, { required: true, showIf: o.showIf })];
  const sameAs = `${prefix}.addressSameAs`;
  const asked = o.sameAs.showIf;
  return [
    radio(sameAs, o.sameAs.label, YES_NO, { required: true, showIf: and(o.showIf, asked) }),
    addressField(`${prefix}.address`, label, {
      required: true,
      showIf: and(o.showIf, asked ? or(eq(sameAs, 'NO'), not(asked)) : eq(sameAs, 'NO')),
    }),
  ];
}

export interface PersonOptions extends DobOptions, IdOptions {
  /** Fields placed right after the name (e.g. the deceased's sex). */
  afterName?: FieldConfig[];
  /** Address options; false when the section has no address of its own. */
  address?: false | AddressOptions['sameAs'];
}

/**
 * The identity block shared by every person on a form: name, dob or age, nationality, ID and usual residence.
 * Every field carries the section's `showIf`, so a hidden section never requires anything.
 */
export function personFields(prefix: string, o: PersonOptions): FieldConfig[] {
  return [
    nameField(`${prefix}.name`, t('Full name', 'Nom complet'), { required: true, showIf: o.showIf }),
    ...(o.afterName ?? []),
    ...dobFields(prefix, o),
    countryField(`${prefix}.nationality`, t('Nationality', 'Nationalité'), { required: true, showIf: o.showIf }),
    ...idFields(prefix, o),
    ...(o.address === false ? [] : addressFields(prefix, { showIf: o.showIf, sameAs: o.address })),
  ];
}

/**
 * `.detailsNotAvailable` (asked only when the person is not the informant, whose details are then needed) and
 * `.reason` when ticked. `available` is the condition every other field of the person's section is shown under.
 */
export function detailsAvailability(
  prefix: string,
  informantRelation: string,
  label: Text,
): { available: Condition; fields: FieldConfig[] } {
  const isInformant = eq('informant.relation', informantRelation);
  const notAvailable: Condition = {
    type: 'and',
    conditions: [not(isInformant), eq(`${prefix}.detailsNotAvailable`, true)],
  };
  return {
    available: not(notAvailable),
    fields: [
      checkbox(`${prefix}.detailsNotAvailable`, label, { showIf: not(isInformant) }),
      textField(`${prefix}.reason`, t('Reason', 'Raison'), { required: true, showIf: notAvailable }),
    ],
  };
}
