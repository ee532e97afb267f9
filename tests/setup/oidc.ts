// A real OpenID Connect provider inside the test process (the oidc-provider package, certified),
// on a loopback port, with its development sign-in pages: whatever login is typed names the
// account, whose claims the test chose. The Gatepath server is given its address before the
// client is registered (the redirect URI names the server's port), so `register` comes second.
import http from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

export type IdpAccount = { email: string; email_verified: boolean; name: string };

export type IdentityProvider = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Registers Gatepath as a client that comes back to `redirectUri`. */
  register: (redirectUri: string) => void;
  close: () => Promise<void>;
};

export async function startIdentityProvider(accounts: Record<string, IdpAccount>): Promise<IdentityProvider> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = "gatepath";
  const clientSecret = "gatepath-test-client-secret-0123456789";
  let handler: ((req: http.IncomingMessage, res: http.ServerResponse) => void) | undefined;
  server.on("request", (req, res) => (handler ? handler(req, res) : res.writeHead(503).end("not ready")));
  return {
    issuer,
    clientId,
    clientSecret,
    register(redirectUri) {
      const provider = new Provider(issuer, {
        clients: [
          { client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri], grant_types: ["authorization_code"], response_types: ["code"] },
        ],
        claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
        // The ID token carries the scope's claims, as most organisations' providers do.
        conformIdTokenClaims: false,
        cookies: { keys: ["oidc-test-cookie-key-0123456789"] },
        features: { devInteractions: { enabled: true } },
        async findAccount(_ctx, id) {
          const account = accounts[id];
          if (!account) return undefined;
          return { accountId: id, claims: async () => ({ sub: id, ...account }) };
        },
      });
      handler = provider.callback();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
