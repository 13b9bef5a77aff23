export { officeInReach, reachOf, type Reach } from './access.ts';
export { NO_PASSWORD } from './manage.ts';
export { findUserById } from './repository.ts';
export { signatureOf } from './signature.ts';
export { staffMailingList } from './mailing.ts';
