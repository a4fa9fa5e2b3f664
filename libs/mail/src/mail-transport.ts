import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTransport, SendMailOptions, Transporter } from 'nodemailer';
import { AppConfigService } from '@app/common';

/** Where a message went: the SMTP server's message id, or the `.eml` file written. */
export interface Sent {
  via: 'smtp' | 'outbox';
  messageId: string;
  path?: string;
}

/**
 * Sends e-mail with nodemailer: through SMTP_URL's server when set (a connection per message, 10 s
 * timeouts), else into MAIL_OUTBOX_DIR (default `./data/outbox`) as `<name>.eml` files, the raw
 * message nodemailer's stream transport built — what an SMTP server would have received.
 */
@Injectable()
export class MailTransport implements OnModuleDestroy {
  private readonly logger = new Logger(MailTransport.name);
  private readonly smtp?: Transporter;
  private readonly outbox?: Transporter;
  private readonly outboxDir: string;

  constructor(config: AppConfigService) {
    const url = config.get('SMTP_URL');
    this.outboxDir = config.get('MAIL_OUTBOX_DIR');
    if (url) {
      this.smtp = createTransport(url, {
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 10_000,
      } as never);
    } else this.outbox = createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  /** Sends `message`; without SMTP, writes it to `<outbox>/<name>.eml`. @throws the transport's error (the job retries). */
  async send(message: SendMailOptions, name: string): Promise<Sent> {
    if (this.smtp) {
      const info = (await this.smtp.sendMail(message)) as { messageId: string };
      return { via: 'smtp', messageId: info.messageId };
    }
    const info = (await this.outbox!.sendMail(message)) as { messageId: string; message: Buffer };
    await mkdir(this.outboxDir, { recursive: true });
    const path = join(this.outboxDir, `${name}.eml`);
    await writeFile(path, info.message);
    this.logger.log(`no SMTP_URL: wrote ${path}`);
    return { via: 'outbox', messageId: info.messageId, path };
  }

  onModuleDestroy(): void {
    this.smtp?.close();
  }
}
