/** National ID: confirmation of registrations by the national ID system, and identity checks through its OIDC provider. */
export { confirmationRoutes } from './confirm-routes.ts';
export { identityCheckRoutes } from './identity-routes.ts';
export { verifiedFieldsHook } from './verified-fields.ts';
