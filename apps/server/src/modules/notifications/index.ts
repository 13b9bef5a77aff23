export { createTransports, queueMessage, type QueuedMessage } from './service.ts';
export { notificationHandler, NOTIFICATION_JOB } from './job.ts';
export { channelFor, configuredChannels, unreachableProblem, type Recipient } from './recipients.ts';
export { templatesOf } from './messages.ts';
export type { DeliveryChannel, MessageTransport, OutgoingMessage } from './transport.ts';
