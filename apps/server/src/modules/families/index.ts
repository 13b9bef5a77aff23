/** Messages to families: SMS and email to a record's informant as it moves on. */
export { familyMessageHandler, FAMILY_MESSAGE_JOB } from './job.ts';
export { familyMessageJobs } from './change-messages.ts';
