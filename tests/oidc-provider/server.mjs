// The OpenID Connect server the browser tests sign in against: oidc-provider with its development sign-in pages
// (any login is accepted and becomes the subject, like gov.br's subject is the CPF typed there) and dynamic client
// registration, so each test app registers the callback address of the port it listens on.
// Usage: node server.mjs <port>   (loopback only; prints "ready" when listening)
import Provider from 'oidc-provider';

const port = Number(process.argv[2] ?? process.env.PORT ?? 2650);
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: [],
  cookies: { keys: ['traininghub-test-only-cookie-key'] },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  features: {
    devInteractions: { enabled: true },
    registration: { enabled: true },
  },
  pkce: { required: () => true },
  async findAccount(ctx, id) {
    return {
      accountId: id,
      async claims() {
        const digits = id.replace(/\D/g, '') || 'conta';
        return { sub: id, name: `Pessoa ${id}`, email: `${digits}@govbr.example`, email_verified: true };
      },
    };
  },
});
provider.proxy = false;
provider.on('server_error', (ctx, err) => console.error('server_error', err));
provider.listen(port, '127.0.0.1', () => console.log(`ready ${issuer}`));
