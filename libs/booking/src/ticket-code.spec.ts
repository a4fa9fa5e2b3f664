import { toBuffer } from 'qrcode';
import { AppConfigService } from '@app/common';
import { decodeQrPng } from '../../../test/support/qr';
import { TicketSigner } from './ticket-code';

const signer = (env: Record<string, string>) =>
  new TicketSigner(AppConfigService.fromEnv({ LOG_LEVEL: 'error', ...env }));
const claims = { bookingCode: '7KQ2M9XD', ticketId: 1234, showId: 42 };

describe('TicketSigner', () => {
  const keyed = signer({ TICKET_SIGNING_SECRET: 'a-ticket-secret-of-the-cluster' });

  it('signs a code in QR alphanumeric characters that verifies to its claims', () => {
    const code = keyed.sign(claims);
    expect(code).toMatch(/^MQ1:7KQ2M9XD:1234:42:[A-Z2-7]{26}$/);
    expect(code).toMatch(/^[0-9A-Z $%*+\-./:]+$/);
    expect(keyed.verify(code)).toEqual(claims);
    expect(keyed.verify(` ${code.toLowerCase()} `)).toEqual(claims);
  });

  it('refuses every code with one character altered, and codes of other shapes', () => {
    const code = keyed.sign(claims);
    const alphabet = 'ABCDEFGHJKMNPQRSTVWXYZ234567';
    for (let index = 0; index < code.length; index++) {
      if (code[index] === ':') continue;
      const replacement = alphabet[(alphabet.indexOf(code[index]) + 1) % alphabet.length] ?? 'A';
      const altered = code.slice(0, index) + (replacement === code[index] ? 'B' : replacement) + code.slice(index + 1);
      expect(keyed.verify(altered)).toBeNull();
    }
    for (const bad of ['', 'MARQUEE:TICKET:7KQ2M9XD:SHOW:42', `${code}X`, code.slice(0, -1), 'MQ1:'.repeat(40)])
      expect(keyed.verify(bad)).toBeNull();
  });

  it('refuses codes signed with another key; the ADMIN_TOKEN-derived key is shared by nodes with that token', () => {
    const fromAdmin = signer({ ADMIN_TOKEN: 'the-cluster-admin-token-1234' });
    const code = fromAdmin.sign(claims);
    expect(keyed.verify(code)).toBeNull();
    expect(signer({ ADMIN_TOKEN: 'the-cluster-admin-token-1234' }).verify(code)).toEqual(claims);
    expect(signer({ ADMIN_TOKEN: 'another-admin-token-56789' }).verify(code)).toBeNull();
    expect(signer({}).verify(signer({}).sign(claims))).toEqual(claims);
    expect(signer({}).verify(code)).toBeNull();
  });

  it('survives a round trip through a drawn QR code', async () => {
    const code = keyed.sign(claims);
    const png = await toBuffer(code, { errorCorrectionLevel: 'M', margin: 2, width: 240 });
    expect(decodeQrPng(png)).toBe(code);
  });
});
