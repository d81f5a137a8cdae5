// An OpenID Connect provider for the tests (npm's oidc-provider), started by tests/access/test_sso.py.
// Usage: node provider.mjs PORT REDIRECT_URI
// Its development log-in page accepts any user name; the account's claims are made from it.
// Shaped as Microsoft Entra ID answers: app roles ("roles") in the ID token only, never in the
// userinfo response; the account's object id ("oid") beside its subject.
// CLOCK_OFFSET_MS moves its clock as the tests' clock is moved (SAMVERKA_TEST_CLOCK), so the
// tokens it issues are fresh in the tests' time.
const offset = Number(process.env.CLOCK_OFFSET_MS || 0);
if (offset) {
  const RealDate = Date;
  globalThis.Date = class MovedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(RealDate.now() + offset);
      else super(...args);
    }
    static now() {
      return RealDate.now() + offset;
    }
  };
}
const { default: Provider } = await import("oidc-provider");

const [port, redirectUri] = process.argv.slice(2);

const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [
    {
      client_id: "samverka",
      client_secret: "test-secret-of-the-client",
      redirect_uris: [redirectUri],
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_post",
      id_token_signed_response_alg: "RS256",
    },
  ],
  pkce: { required: () => true },
  scopes: ["openid", "email", "profile", "roles"],
  claims: {
    email: ["email", "email_verified"],
    profile: ["name", "given_name", "family_name"],
    roles: ["roles"],
  },
  async findAccount(ctx, sub) {
    return {
      accountId: sub,
      async claims(use) {
        const claims = {
          sub,
          oid: `00000000-0000-0000-0000-${sub.padStart(12, "0").slice(-12)}`,
          email: `${sub}@example-university.se`,
          preferred_username: `${sub}@example-university.se`,
          name: "Erik Ek",
          given_name: "Erik",
          family_name: "Ek",
        };
        if (use === "id_token") claims.roles = sub.startsWith("chef") ? ["management"] : ["employee"];
        return claims;
      },
    };
  },
  // the ID token carries the claims of the scopes asked for, as Entra ID's does
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ["a-key-for-the-tests-only"] },
});
provider.proxy = false;
provider.listen(Number(port), "127.0.0.1", () => console.log(`listening on ${port}`));
