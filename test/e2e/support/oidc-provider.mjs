// A real OpenID Provider (oidc-provider, the certified Node implementation) on a loopback port, for
// the sign-in tests: started as a child process (the library is ESM-only), it prints its issuer on
// its first line. POST /test/next-login {"sub"} chooses who the next interaction signs in, as a
// person typing her credentials at her organisation's provider would.
import http from 'node:http';
import Provider from 'oidc-provider';

const { clients, accounts } = JSON.parse(process.argv[2] ?? '{}');
let nextLogin = null;

const server = http.createServer();
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients,
    findAccount: (_ctx, id) => ({
      accountId: id,
      claims: () => ({ sub: id, email: accounts?.[id] ?? `${id}@idp.example`, email_verified: true }),
    }),
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    features: { devInteractions: { enabled: false } },
    pkce: { required: () => true },
    cookies: { keys: ['passerelle-test-op'] },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    // Consent is the organisation's business, not the test's: every client gets openid and email.
    loadExistingGrant: async (ctx) => {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope('openid email');
      await grant.save();
      return grant;
    },
  });
  provider.on('server_error', (_ctx, error) => console.error(`op server_error: ${error.message}`));
  const callback = provider.callback();
  server.on('request', async (req, res) => {
    try {
      if (req.method === 'POST' && req.url === '/test/next-login') {
        let body = '';
        for await (const chunk of req) body += chunk;
        nextLogin = JSON.parse(body).sub;
        res.end('ok');
        return;
      }
      if (req.url?.startsWith('/interaction/')) {
        await provider.interactionDetails(req, res);
        await provider.interactionFinished(req, res, { login: { accountId: nextLogin } }, { mergeWithLastSubmission: false });
        return;
      }
      callback(req, res);
    } catch (error) {
      res.statusCode = 500;
      res.end(String(error));
    }
  });
  console.log(JSON.stringify({ issuer }));
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
