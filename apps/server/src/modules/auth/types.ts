import type { Scope } from '@lifeline/domain';

/** The authenticated caller of a request, from a verified access token. */
export interface AuthUser {
  id: string;
  username: string;
  role: string;
  scopes: Scope[];
  primaryOfficeId: string;
  /** The login (`sid`) of the access token; absent for callers that are not a user's login. */
  sessionId?: string;
  /** Set when the caller is an integration client (then `id` is the client's id and `role` is `client:<TYPE>`). */
  client?: {
    name: string;
    /** The declaration fields it may see (a RECORD_SEARCH client's allow-list); absent or null: every field. */
    fields?: readonly string[] | null;
  };
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route stays open to a login whose user must change their password first (see authenticate.ts). */
    duringPasswordChange?: boolean;
  }
  interface FastifyRequest {
    /** Set by the `authenticate` pre-handler; routes that use it can rely on it. */
    user: AuthUser;
  }
  interface FastifyInstance {
    /** Pre-handler that rejects the request with 401 unless it carries a valid access token. */
    authenticate: (request: FastifyRequest) => Promise<void>;
  }
}
