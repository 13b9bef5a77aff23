import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import type { Runtime } from '../../server.ts';
import { bearer, type Tokens } from '../../test/harness.ts';
import { recordsClient } from '../../test/records.ts';

/** Test helpers for certificates, payments and verification: every call goes through the real API. */
export function certificatesClient(runtime: Runtime) {
  const api = recordsClient(runtime);
  return {
    ...api,
    /** A record created and registered in one request by a registrar. */
    async registered(tokens: Tokens, type: string, declaration: Record<string, unknown>) {
      const record = (await api.create(tokens, type)).json();
      const res = await api.act(tokens, record.id, 'REGISTER', { declaration });
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    },
    print: (tokens: Tokens, id: string, annotation?: Record<string, unknown>, transactionId: string = randomUUID()) =>
      api.call(tokens, 'POST', `/api/events/${id}/actions/PRINT_CERTIFICATE`, {
        transactionId,
        ...(annotation ? { annotation } : {}),
      }),
    issue: (tokens: Tokens, id: string, annotation?: Record<string, unknown>) =>
      api.call(tokens, 'POST', `/api/events/${id}/actions/ISSUE_CERTIFICATE`, {
        transactionId: randomUUID(),
        ...(annotation ? { annotation } : {}),
      }),
    certificates: (tokens: Tokens, id: string) => api.call(tokens, 'GET', `/api/events/${id}/certificates`),
    pdf: (tokens: Tokens, url: string) => runtime.app.inject({ method: 'GET', url, headers: bearer(tokens) }),
  };
}

/** A print annotation: the record's mother collects, shows her national ID and pays `amount` USD cash. */
export function motherCollects(
  record: { declaration: Record<string, unknown> },
  amount: number,
  overrides: Record<string, unknown> = {},
) {
  return {
    collector: { type: 'MOTHER', idType: 'NATIONAL_ID', idNumber: record.declaration['mother.nid'] },
    identityVerified: true,
    payment: { amount, currency: 'USD', method: 'CASH' },
    ...overrides,
  };
}

/** The text of a PDF, read back with pdf.js (unpdf). */
export async function pdfText(bytes: Uint8Array | Buffer): Promise<string> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extractText(pdf, { mergePages: true });
  return text;
}
