import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { notificationToDeclaration, type EventMapping, type FhirContext } from '@lifeline/fhir';
import type { EventConfig, ImportEventMap, JsonObject } from '@lifeline/domain';
import { parse } from 'csv-parse';
import type { Country } from '../../country.ts';
import { calendarDateOf, mapCsvRow, type SourceRow } from './map-row.ts';

/** A file read once, as a stream: how many bytes have gone through (for the progress bar). */
export interface Counted {
  stream: Readable;
  bytesRead(): number;
}

export function countedStream(path: string): Counted {
  const stream = createReadStream(path, { highWaterMark: 256 * 1024 });
  let read = 0;
  stream.on('data', (chunk) => {
    read += chunk.length;
  });
  return { stream, bytesRead: () => read };
}

/** The data rows of a CSV file by the import map (row 1 = the first line after the header), streamed. */
export async function* csvRows(
  country: Country,
  config: EventConfig,
  map: ImportEventMap,
  input: Readable,
): AsyncGenerator<SourceRow> {
  const parser = input.pipe(
    parse({ columns: true, bom: true, skip_empty_lines: true, relax_column_count: true, trim: true }),
  );
  let row = 0;
  let checkedHeader = false;
  for await (const record of parser as AsyncIterable<Record<string, string>>) {
    row += 1;
    if (!checkedHeader) {
      checkedHeader = true;
      const missing = [map.registration.number, map.registration.date, map.registration.office].filter(
        (c) => !(c in record),
      );
      if (missing.length) throw new Error(`the file has no column ${missing.map((c) => `"${c}"`).join(', ')}`);
    }
    yield mapCsvRow(country, config, map, row, record);
  }
}

const str = (v: unknown) => (typeof v === 'string' && v ? v : null);
const lastSegment = (reference: string | null) => (reference ? reference.split('/').pop() || null : null);

/**
 * The original registration of a FHIR document: the registration Task's official identifier (the registration
 * number), its date (executionPeriod.start, else lastModified), its location (the office) and owner (the
 * registrar), as Lifeline's own documents carry them (packages/fhir/src/document.ts).
 */
function registrationOf(fhir: FhirContext, bundle: JsonObject) {
  const entries = Array.isArray(bundle.entry) ? (bundle.entry as Array<{ resource?: JsonObject }>) : [];
  const system = fhir.mapping.identifierSystems.registrationNumber;
  for (const { resource } of entries) {
    if (resource?.resourceType !== 'Task') continue;
    const ids = Array.isArray(resource.identifier) ? (resource.identifier as JsonObject[]) : [];
    const number = str(ids.find((i) => i.system === system)?.value);
    if (!number) continue;
    const period = resource.executionPeriod as JsonObject | undefined;
    const when = str(period?.start) ?? str(resource.lastModified) ?? str(resource.authoredOn);
    const location = resource.location as JsonObject | undefined;
    const owner = resource.owner as JsonObject | undefined;
    return {
      number,
      date: when ? calendarDateOf(when.slice(0, 10)) : null,
      office: lastSegment(str(location?.reference)) ?? str(location?.display) ?? '',
      registrar: str(owner?.display),
    };
  }
  return null;
}

/** NDJSON of FHIR R4 Bundles (one a line), each mapped by the country's FHIR mapping as a notification is. */
export async function* fhirRows(
  fhir: FhirContext,
  events: EventMapping[],
  eventType: string,
  input: Readable,
): AsyncGenerator<SourceRow> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  let row = 0;
  for await (const line of lines) {
    if (!line.trim()) continue;
    row += 1;
    let bundle: JsonObject;
    try {
      bundle = JSON.parse(line) as JsonObject;
    } catch {
      yield { row, ok: false, registrationNumber: null, reasons: ['not JSON: each line must be one FHIR Bundle'] };
      continue;
    }
    const registration = registrationOf(fhir, bundle);
    const mapped = notificationToDeclaration(fhir, events, bundle);
    const reasons: string[] = [];
    if (!mapped.ok) reasons.push(...mapped.issues.map((i) => `${i.expression ?? 'Bundle'}: ${i.diagnostics}`));
    else if (mapped.notification.event !== eventType) {
      reasons.push(`the Bundle is a ${mapped.notification.event} record, not ${eventType}`);
    }
    if (!registration) reasons.push('no registration Task with an official registration number identifier');
    else if (!registration.date) reasons.push('the registration Task has no date (executionPeriod.start)');
    if (reasons.length || !mapped.ok || !registration?.date) {
      yield { row, ok: false, registrationNumber: registration?.number ?? null, reasons };
      continue;
    }
    yield {
      row,
      ok: true,
      declaration: mapped.notification.declaration,
      registration: { ...registration, date: registration.date },
    };
  }
}
