import { AdmissionTokens } from './admission-token';

describe('AdmissionTokens', () => {
  const tokens = new AdmissionTokens('a-secret-of-sixteen-or-more');
  const claims = { showId: 7, visitorId: 'visitor-0123456789abcdef', email: 'ada@example.com', expiresAt: 10_000 };
  const expect7 = { showId: 7, visitorId: claims.visitorId, email: 'Ada@Example.com' };

  it('verifies its own token for the show and customer it binds, before expiry', () => {
    expect(tokens.verify(tokens.sign(claims), expect7, 9_999)).toEqual({ ok: true, claims });
  });

  it('refuses it after expiry, for another show, another browser or another e-mail', () => {
    const token = tokens.sign(claims);
    expect(tokens.verify(token, expect7, 10_000)).toEqual({ ok: false, problem: 'expired' });
    expect(tokens.verify(token, { ...expect7, showId: 8 }, 0)).toEqual({ ok: false, problem: 'show' });
    expect(tokens.verify(token, { ...expect7, visitorId: 'visitor-fedcba9876543210' }, 0)).toEqual({
      ok: false,
      problem: 'customer',
    });
    expect(tokens.verify(token, { ...expect7, visitorId: undefined }, 0)).toEqual({ ok: false, problem: 'customer' });
    expect(tokens.verify(token, { ...expect7, email: 'eve@example.com' }, 0)).toEqual({
      ok: false,
      problem: 'customer',
    });
  });

  it('refuses a tampered token, another key’s token and garbage', () => {
    const token = tokens.sign(claims);
    const [prefix, , mac] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ s: 7, v: claims.visitorId, e: claims.email, x: 99_999 })).toString(
      'base64url',
    );
    expect(tokens.verify(`${prefix}.${forged}.${mac}`, expect7, 0)).toEqual({ ok: false, problem: 'signature' });
    const other = new AdmissionTokens('another-secret-of-sixteen');
    expect(tokens.verify(other.sign(claims), expect7, 0)).toEqual({ ok: false, problem: 'signature' });
    for (const garbage of ['', 'v1', 'v1..', 'x.y.z', `${token}.more`])
      expect(tokens.verify(garbage, expect7, 0)).toMatchObject({ ok: false });
  });

  it('refuses a short secret', () => {
    expect(() => new AdmissionTokens('short')).toThrow(/16 characters/);
  });
});
