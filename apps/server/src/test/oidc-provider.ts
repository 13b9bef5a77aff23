import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/** A person known to the test provider, with the claims it vouches for. */
export interface ProviderAccount {
  sub: string;
  given_name: string;
  family_name: string;
  birthdate: string;
  gender?: string;
  individual_id: string;
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** The account the next sign-in logs in as. */
  signInAs(account: ProviderAccount): void;
  /**
   * What a browser does with the authorization URL: follows the provider's redirects, signs in, consents, and
   * stops at the redirect back to the registry; answers that URL's query (code, state, iss).
   */
  browse(authorizationUrl: string): Promise<URLSearchParams>;
  close(): Promise<void>;
}

/**
 * A real OpenID Connect provider (the `oidc-provider` package) on 127.0.0.1, standing in for the country's
 * national ID provider (e-Signet style): authorization code flow, PKCE required, claims in userinfo.
 */
export async function startTestProvider(
  redirectUri = 'http://127.0.0.1:9/identity-check/callback',
): Promise<TestProvider> {
  const accounts = new Map<string, ProviderAccount>();
  let current: ProviderAccount | null = null;
  let provider: Provider | null = null;
  const server: Server = createServer((req, res) => {
    if (!provider) return res.writeHead(503).end();
    if (req.url?.startsWith('/interaction/')) return void interact(provider, req, res);
    provider.callback()(req, res);
  });
  async function interact(
    p: Provider,
    req: Parameters<Provider['interactionDetails']>[0],
    res: Parameters<Provider['interactionDetails']>[1],
  ) {
    try {
      const details = await p.interactionDetails(req, res);
      if (details.prompt.name === 'login') {
        if (!current) throw new Error('no account to sign in as');
        return await p.interactionFinished(
          req,
          res,
          { login: { accountId: current.sub } },
          { mergeWithLastSubmission: false },
        );
      }
      const grant = new p.Grant({ accountId: details.session!.accountId, clientId: String(details.params.client_id) });
      grant.addOIDCScope(String(details.params.scope));
      const grantId = await grant.save();
      await p.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'lifeline-registry';
  const clientSecret = 'a-test-client-secret-of-enough-length-0123456789';
  provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    pkce: { required: () => true },
    ttl: { Interaction: 600, Session: 600, Grant: 600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    features: { devInteractions: { enabled: false } },
    cookies: { keys: ['test-cookie-key-one'] },
    claims: {
      openid: ['sub'],
      profile: ['given_name', 'family_name', 'birthdate', 'gender'],
      national_id: ['individual_id'],
    },
    scopes: ['openid', 'profile', 'national_id'],
    async findAccount(_ctx: unknown, sub: string) {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return { accountId: sub, claims: async () => ({ ...account }) };
    },
  });
  const jar = new Map<string, string>();
  return {
    issuer,
    clientId,
    clientSecret,
    redirectUri,
    signInAs(account) {
      accounts.set(account.sub, account);
      current = account;
    },
    async browse(authorizationUrl) {
      let url = authorizationUrl;
      for (let hop = 0; hop < 10; hop++) {
        if (url.startsWith(redirectUri)) return new URL(url).searchParams;
        const res = await fetch(url, {
          redirect: 'manual',
          headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
        });
        for (const cookie of res.headers.getSetCookie()) {
          const [pair] = cookie.split(';');
          const at = pair.indexOf('=');
          jar.set(pair.slice(0, at), pair.slice(at + 1));
        }
        const location = res.headers.get('location');
        if (!location) throw new Error(`the provider stopped at ${url}: ${res.status} ${await res.text()}`);
        url = new URL(location, url).href;
      }
      throw new Error('too many redirects');
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
