/** Integration clients (OAuth2 client credentials): their management, the token endpoint, and their tokens' check. */
export { integrationRoutes } from './routes.ts';
export { tokenRoutes } from './token-routes.ts';
export { authenticateClient } from './authenticate-client.ts';
export { clientsAmong } from './repository.ts';
