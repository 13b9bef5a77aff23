/** Payments: fees taken for certificates, with receipt numbers, and the daily report per office. */
export { takePayment, receiptNumberOf, receiptNumbersOf, formatReceiptNumber } from './service.ts';
export { PaymentInput, PaymentMethod } from './schemas.ts';
export { withPayments } from './tables.ts';
