import type { z } from 'zod';
import { evaluate, isEmptyValue, type Values } from './conditions.ts';
import { isCalendarDate } from './dates.ts';
import type { FieldConfig } from './fields.ts';
import { formFields, type EventConfig } from './forms.ts';
import type { Location } from './locations.ts';
import { textIn } from './text.ts';
import {
  AddressValue,
  FileValue,
  FileWithOptionValue,
  NameValue,
  NumberWithUnitValue,
  type NameValue as NameValueType,
} from './values.ts';

export interface FieldError {
  field: string;
  message: string;
}

export interface ValidationOptions {
  /** `complete` (declare, validate, register) requires every required shown field; `partial` (notify) does not. */
  mode: 'complete' | 'partial';
  /** Today's calendar date in the country's time zone. */
  today: string;
  /** Resolves location ids; when absent, location ids are checked for form only (e.g. offline in the browser). */
  findLocation?: (id: string) => Location | undefined;
  /**
   * Resolves an uploaded file by its `path` (the files API's content address); when absent (the browser), file
   * values are checked for form only. The server passes the files table's answer, so a document must exist.
   */
  findFile?: (path: string) => { contentType: string } | undefined;
  /**
   * Whether a path names a document kept on this device until it is sent (the browser's offline outbox): such a
   * value is checked like an uploaded one. The server never passes it, so it only ever accepts uploaded files.
   */
  pendingFile?: (path: string) => boolean;
  language?: string;
}

/**
 * Check a declaration (flat `{fieldId: value}`) against an event's form. Returns every problem found, one entry
 * per bad field; an empty list means the declaration is acceptable for the requested mode.
 */
export function validateDeclaration(event: EventConfig, declaration: Values, options: ValidationOptions): FieldError[] {
  const errors: FieldError[] = [];
  const fields = formFields(event);
  const known = knownFields(event);
  for (const key of Object.keys(declaration)) {
    if (!known.has(key))
      errors.push({ field: key, message: `unknown field: the ${event.id} form has no field "${key}"` });
  }
  const ctx = { values: declaration, today: options.today };
  for (const { field, page } of fields) {
    const value = declaration[field.id];
    const empty = isEmptyValue(value);
    // An unanswered field may be sent blank, but only in its own type's shape: " ", [] or {} is no number.
    const blankProblem = empty ? checkBlankValue(field, value) : undefined;
    if (blankProblem) {
      errors.push({ field: field.id, message: blankProblem });
      continue;
    }
    const shown = (!page.showIf || evaluate(page.showIf, ctx)) && (!field.showIf || evaluate(field.showIf, ctx));
    if (!shown) {
      if (empty) continue;
      // A partial declaration may answer ahead of the question that shows a field; its value must still be well-formed.
      const problem =
        options.mode === 'complete'
          ? 'must not be given: the form hides this field for these answers'
          : checkValue(field, value, options);
      if (problem) errors.push({ field: field.id, message: problem });
      continue;
    }
    if (empty) {
      if (field.required && options.mode === 'complete') errors.push({ field: field.id, message: 'required' });
      continue;
    }
    const problem =
      checkValue(field, value, options) ??
      (options.mode === 'complete' ? checkRequiredParts(field, value) : undefined) ??
      failedValidation(field, ctx)?.message;
    if (problem) {
      errors.push({
        field: field.id,
        message: typeof problem === 'string' ? problem : textIn(problem, options.language ?? 'en'),
      });
    }
  }
  return errors;
}

/** The field ids of an event's form, once per config (checked for every declaration). */
const knownFieldsCache = new WeakMap<EventConfig, Set<string>>();
function knownFields(event: EventConfig): Set<string> {
  let known = knownFieldsCache.get(event);
  if (!known) {
    known = new Set(formFields(event).map(({ field }) => field.id));
    knownFieldsCache.set(event, known);
  }
  return known;
}

function firstIssue(schema: z.ZodType, value: unknown): string | undefined {
  const result = schema.safeParse(value);
  if (result.success) return undefined;
  const issue = result.error.issues[0];
  const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
  return `${where}${issue.message}`;
}

/** The first of a field's own validations its value fails. */
function failedValidation(field: FieldConfig, ctx: { values: Values; today: string }) {
  if (!field.validations) return undefined;
  for (const v of field.validations) if (!evaluate(v.rule, ctx)) return v;
  return undefined;
}

/** Compiled patterns by source: a form has a handful, checked for every declaration. */
const patterns = new Map<string, RegExp>();
function matches(pattern: string, text: string): boolean {
  let re = patterns.get(pattern);
  if (!re) {
    re = new RegExp(pattern, 'u');
    if (patterns.size < 1000) patterns.set(pattern, re);
  }
  return re.test(text);
}

/** Form and config checks of one non-empty value; returns a message or undefined. */
function checkValue(field: FieldConfig, value: unknown, options: ValidationOptions): string | undefined {
  switch (field.type) {
    case 'TEXT':
    case 'TEXTAREA':
    case 'PHONE':
    case 'EMAIL':
    case 'ID':
    case 'TIME': {
      if (typeof value !== 'string') return 'expected text';
      if (value.length > ('maxLength' in field ? field.maxLength : 255)) return 'too long';
      if (field.type === 'TEXT' && field.pattern && !matches(field.pattern, value)) return 'has the wrong format';
      if ((field.type === 'PHONE' || field.type === 'ID') && !matches(field.pattern, value)) {
        return field.type === 'PHONE' ? 'not a valid phone number' : 'not a valid ID number for this ID type';
      }
      if (field.type === 'EMAIL' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) return 'not a valid email address';
      if (field.type === 'TIME' && !/^([01]\d|2[0-3]):[0-5]\d$/.test(value)) return 'times are written HH:MM';
      return undefined;
    }
    case 'NUMBER':
    case 'AGE': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'expected a number';
      if (Math.abs(value) > MAX_NUMBER) return TOO_LARGE;
      if ((field.type === 'AGE' || field.integer) && !Number.isInteger(value)) return 'expected a whole number';
      if (field.min !== undefined && value < field.min) return `must be at least ${field.min}`;
      if (field.max !== undefined && value > field.max) return `must be at most ${field.max}`;
      return undefined;
    }
    case 'NUMBER_WITH_UNIT': {
      const issue = firstIssue(NumberWithUnitValue, value);
      if (issue) return issue;
      const v = value as { numericValue: number; unit: string };
      if (Math.abs(v.numericValue) > MAX_NUMBER) return `numericValue: ${TOO_LARGE}`;
      if (!field.units.some((u) => u.value === v.unit))
        return `unit must be one of ${field.units.map((u) => u.value).join(', ')}`;
      if (field.min !== undefined && v.numericValue < field.min) return `must be at least ${field.min}`;
      if (field.max !== undefined && v.numericValue > field.max) return `must be at most ${field.max}`;
      return undefined;
    }
    case 'DATE': {
      if (!isCalendarDate(value)) return 'not a real date (write YYYY-MM-DD)';
      if (!field.allowFuture && value > options.today) return 'cannot be in the future';
      return undefined;
    }
    case 'NAME': {
      const issue = firstIssue(NameValue, value);
      if (issue) return issue;
      const parts = Object.values(value as NameValueType).filter((p): p is string => typeof p === 'string');
      if (parts.some((p) => p.length > field.maxLength))
        return `each part of the name is at most ${field.maxLength} characters`;
      return undefined;
    }
    case 'SELECT':
    case 'RADIO_GROUP':
      if (typeof value !== 'string' || !field.options.some((o) => o.value === value)) {
        return `must be one of ${field.options.map((o) => o.value).join(', ')}`;
      }
      return undefined;
    case 'CHECKBOX':
      return typeof value === 'boolean' ? undefined : 'expected true or false';
    case 'COUNTRY':
      return typeof value === 'string' && /^[A-Z]{3}$/.test(value)
        ? undefined
        : 'expected an ISO 3166 alpha-3 country code';
    case 'LOCATION': {
      if (typeof value !== 'string' || value.length > 64) return 'expected a location id';
      if (!options.findLocation) return undefined;
      const location = options.findLocation(value);
      if (!location) return 'no such location';
      if (location.type !== field.locationType) return `must be a location of type ${field.locationType}`;
      return undefined;
    }
    case 'ADDRESS': {
      const issue = firstIssue(AddressValue, value);
      if (issue) return issue;
      const address = value as AddressValue;
      if (address.addressType === 'DOMESTIC' && options.findLocation) {
        const area = options.findLocation(address.administrativeArea);
        if (!area || area.type !== 'ADMIN_AREA') return 'administrativeArea: no such administrative area';
      }
      return undefined;
    }
    case 'FILE':
    case 'SIGNATURE': {
      const file = asUploaded(value, options);
      return firstIssue(FileValue, file) ?? checkFile(field, file as FileValue, options);
    }
    case 'FILE_WITH_OPTIONS': {
      if (!Array.isArray(value)) return 'expected a list of documents';
      for (const item of value) {
        const file = asUploaded(item, options);
        const issue = firstIssue(FileWithOptionValue, file) ?? checkFile(field, file as FileValue, options);
        if (issue) return issue;
        if (!field.options.some((o) => o.value === (item as { option: string }).option)) {
          return `document type must be one of ${field.options.map((o) => o.value).join(', ')}`;
        }
      }
      return undefined;
    }
    case 'HEADING':
    case 'PARAGRAPH':
    case 'BULLET_LIST':
    case 'DIVIDER':
    case 'DATA':
      return 'this field holds no value';
  }
}

/** Stands for a document still on the device when its value is checked (never stored, never looked up). */
const PENDING_UPLOAD_PATH = `/api/files/${'0'.repeat(64)}`;

/** A file value whose document waits on the device, checked as if uploaded; any other value as it is. */
function asUploaded(value: unknown, options: ValidationOptions): unknown {
  if (!options.pendingFile || !isPlainObject(value) || typeof value.path !== 'string') return value;
  return options.pendingFile(value.path) ? { ...value, path: PENDING_UPLOAD_PATH } : value;
}

/** A document's declared type is one the field accepts and, where files can be looked up, the stored file's. */
function checkFile(field: FieldConfig, file: FileValue, options: ValidationOptions): string | undefined {
  if ((field.type === 'FILE' || field.type === 'FILE_WITH_OPTIONS') && !field.accept.includes(file.type)) {
    return `file type must be one of ${field.accept.join(', ')}`;
  }
  if (!options.findFile) return undefined;
  const stored = options.findFile(file.path);
  if (!stored) return 'path: no uploaded file has this path (upload it with the files API first)';
  if (stored.contentType !== file.type) return `type: the uploaded file is ${stored.contentType}, not ${file.type}`;
  return undefined;
}

/**
 * Largest magnitude accepted for a number: past 2^53 doubles no longer hold every whole number, and no count,
 * weight or age of a civil register comes near it.
 */
const MAX_NUMBER = Number.MAX_SAFE_INTEGER;
const TOO_LARGE = `must be between ${-MAX_NUMBER} and ${MAX_NUMBER}`;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const allText = (value: Record<string, unknown>) => Object.values(value).every((v) => typeof v === 'string');

/**
 * The type check of a blank value (one `isEmptyValue` calls empty): text fields may be sent as blank text, names,
 * addresses and measures as objects of blank text, document lists as []. Numbers, files and choices of one
 * document have no blank form other than null (absent).
 */
function checkBlankValue(field: FieldConfig, value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  switch (field.type) {
    case 'NUMBER':
    case 'AGE':
      return 'expected a number';
    case 'FILE':
    case 'SIGNATURE':
      return 'expected an uploaded file (or null)';
    case 'FILE_WITH_OPTIONS':
      return Array.isArray(value) ? undefined : 'expected a list of documents';
    case 'NAME':
    case 'ADDRESS':
      return isPlainObject(value) && allText(value) ? undefined : 'expected an object of text parts';
    case 'NUMBER_WITH_UNIT':
      return isPlainObject(value) && allText(value) && !('numericValue' in value)
        ? undefined
        : 'numericValue: expected a number';
    case 'CHECKBOX':
      return 'expected true or false';
    case 'HEADING':
    case 'PARAGRAPH':
    case 'BULLET_LIST':
    case 'DIVIDER':
    case 'DATA':
      return 'this field holds no value';
    default:
      return typeof value === 'string' ? undefined : 'expected text';
  }
}

/** A complete declaration needs the mandatory parts of composite values (a name needs a first name and surname). */
function checkRequiredParts(field: FieldConfig, value: unknown): string | undefined {
  if (field.type === 'NAME' && field.required) {
    const name = value as NameValueType;
    if (!name.firstname?.trim()) return 'firstname: required';
    if (!name.surname?.trim()) return 'surname: required';
  }
  return undefined;
}

/** The `path` of every file value (documents, signatures) in some declarations, for looking the files up at once. */
export function filePaths(declarations: Array<Values | null | undefined>): string[] {
  const paths: string[] = [];
  const add = (value: unknown) => {
    if (isPlainObject(value) && typeof value.path === 'string') paths.push(value.path);
  };
  for (const declaration of declarations) {
    for (const value of Object.values(declaration ?? {})) {
      if (Array.isArray(value)) value.forEach(add);
      else add(value);
    }
  }
  return paths;
}
