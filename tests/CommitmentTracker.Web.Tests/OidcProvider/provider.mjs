// A real OpenID provider on loopback for the web workspace's OIDC test (never in production).
// Usage: node provider.mjs <port> <redirect uri> <client id> <api audience>
// Signs in anyone whose login names one of the accounts below (any password: oidc-provider's development
// interactions). Access tokens for the API are JWTs (resource indicators) carrying roles, org and members.
import Provider from 'oidc-provider';

const [port, redirectUri, clientId, audience] = process.argv.slice(2);
if (!port || !redirectUri || !clientId || !audience) {
  console.error('usage: node provider.mjs <port> <redirect uri> <client id> <api audience>');
  process.exit(2);
}

const accounts = {
  'ocp-liaison': { name: 'Olga OCP liaison', roles: ['liaison'], org: 'OCP', members: [] },
  'bulgaria-lead': { name: 'Boris Bulgaria lead', roles: ['country-lead'], members: ['BGR'] },
};

const issuer = `http://127.0.0.1:${port}`;
const provider = new Provider(issuer, {
  clients: [{
    client_id: clientId,
    token_endpoint_auth_method: 'none', // a public client: PKCE is its proof
    redirect_uris: [redirectUri],
    grant_types: ['authorization_code'],
    response_types: ['code'],
  }],
  pkce: { required: () => true },
  async findAccount(_ctx, id) {
    const account = accounts[id];
    if (!account) return undefined;
    return { accountId: id, async claims() { return { sub: id, name: account.name }; } };
  },
  claims: { openid: ['sub'], profile: ['name'] },
  features: {
    devInteractions: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => audience,
      useGrantedResource: () => true,
      getResourceServerInfo: () => ({ scope: 'tracker', audience, accessTokenFormat: 'jwt', accessTokenTTL: 600 }),
    },
  },
  async extraTokenClaims(_ctx, token) {
    const account = accounts[token.accountId];
    if (!account || token.kind !== 'AccessToken') return undefined;
    return { name: account.name, roles: account.roles, org: account.org, members: account.members };
  },
  // Consent is implied for this test client.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid profile');
    grant.addResourceScope(audience, 'tracker');
    await grant.save();
    return grant;
  },
});
provider.proxy = false;
provider.listen(Number(port), '127.0.0.1', () => console.log(`oidc-provider listening on ${issuer}`));
