import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api } from '../../../api/client.ts';
import type { EventDocument } from '../../../api/types.ts';
import { newId } from '../../../forms/ids.ts';
import type { CollectorType, IdType, PaymentMethod } from './collector.ts';

export interface Money {
  amount: number;
  currency: string;
}

export interface CertificateRef {
  id: string;
  /** GET it with the user's token: application/pdf. */
  pdfUrl: string;
  /** What the QR code holds: the public verification page. */
  verifyUrl: string;
  receiptNumber: string | null;
}

export interface CertificateSummary extends CertificateRef {
  templateId: string;
  kind: 'CERTIFICATE' | 'CERTIFIED_COPY';
  printedAt: string;
  printedBy: string;
  printInAdvance: boolean;
  issued: boolean;
  /** As public verification says it: superseded by an approved correction, or revoked with the registration. */
  standing: 'VALID' | 'SUPERSEDED' | 'REVOKED';
}

/** GET /api/events/{id}/certificates. */
export interface CertificatesOfRecord {
  /** What the next print will be and cost; null before registration. */
  next: {
    templateId: string;
    kind: 'CERTIFICATE' | 'CERTIFIED_COPY';
    timeliness: 'ON_TIME' | 'LATE' | 'DELAYED';
    fee: Money;
  } | null;
  certificates: CertificateSummary[];
}

export interface Collector {
  type: CollectorType;
  idType?: IdType;
  idNumber?: string;
  name?: string;
  relationship?: string;
}

export interface PrintRequest {
  transactionId: string;
  templateId?: string;
  collector: Collector;
  identityVerified: boolean;
  payment: { amount: number; currency: string; method: PaymentMethod };
}

export interface IssueRequest {
  transactionId: string;
  certificateId?: string;
  collector: Collector;
  identityVerified: boolean;
}

/** The record after a print or hand-over, with the certificate concerned. */
export type CertificateResponse = EventDocument & { certificate: CertificateRef | null };

const certificatesKey = (id: string) => ['certificates', id] as const;

export function useCertificates(recordId: string, enabled = true) {
  return useQuery({
    queryKey: certificatesKey(recordId),
    queryFn: ({ signal }) => api<CertificatesOfRecord>(`/api/events/${recordId}/certificates`, { signal }),
    enabled,
    retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 1,
  });
}

/** After a print or hand-over: the record, its certificates and the lists it shows in are fresh again. */
function useRefresh(record: EventDocument) {
  const client = useQueryClient();
  return {
    onSuccess: (updated: CertificateResponse) => {
      const { certificate: _certificate, ...doc } = updated;
      client.setQueryData(['record', record.id], doc);
      void client.invalidateQueries({ queryKey: certificatesKey(record.id) });
      void client.invalidateQueries({ queryKey: ['workqueues'] });
      void client.invalidateQueries({ queryKey: ['search'] });
    },
    onError: (error: unknown) => {
      if (error instanceof ApiError && error.status === 409) {
        void client.invalidateQueries({ queryKey: ['record', record.id] });
        void client.invalidateQueries({ queryKey: certificatesKey(record.id) });
      }
    },
  };
}

/** Print the next certificate of the record, taking its fee (one transaction on the server). */
export function usePrintCertificate(record: EventDocument) {
  return useMutation({
    mutationFn: ({ transactionId, ...annotation }: PrintRequest) =>
      api<CertificateResponse>(`/api/events/${record.id}/actions/PRINT_CERTIFICATE`, {
        body: { transactionId, version: record.version, annotation },
      }),
    ...useRefresh(record),
  });
}

/** Hand over a certificate printed in advance to the person collecting it. */
export function useIssueCertificate(record: EventDocument) {
  return useMutation({
    mutationFn: ({ transactionId, ...annotation }: IssueRequest) =>
      api<CertificateResponse>(`/api/events/${record.id}/actions/ISSUE_CERTIFICATE`, {
        body: { transactionId, version: record.version, annotation },
      }),
    ...useRefresh(record),
  });
}

/** A transaction id per attempt: kept while the dialog is open so a retried request is never done twice. */
export { newId as newTransactionId };
