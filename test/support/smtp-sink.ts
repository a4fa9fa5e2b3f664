import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { eventually } from './processes';

/** A real SMTP server (nodemailer's `smtp-server`) on loopback that keeps every message, parsed by `mailparser`. */
export class SmtpSink {
  readonly messages: { raw: Buffer; parsed: ParsedMail; to: string[] }[] = [];

  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
  ) {}

  /** Starts one on `port` (0: any free port). */
  static async start(port = 0): Promise<SmtpSink> {
    const messages: SmtpSink['messages'] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks);
          simpleParser(raw, { keepCidLinks: true })
            .then((parsed) => {
              messages.push({ raw, parsed, to: session.envelope.rcptTo.map((rcpt) => rcpt.address) });
              callback();
            })
            .catch((error: Error) => callback(error));
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    const address = (server as unknown as { server: { address(): { port: number } } }).server.address();
    const sink = new SmtpSink(server, address.port);
    (sink as { messages: SmtpSink['messages'] }).messages = messages;
    return sink;
  }

  /** The first message whose subject matches `subject`, once it has arrived. @throws Error after `timeoutMs`. */
  waitFor(subject: RegExp, timeoutMs = 20_000): Promise<SmtpSink['messages'][number]> {
    return eventually(
      () => this.messages.find((message) => subject.test(message.parsed.subject ?? '')),
      timeoutMs,
      `an e-mail with the subject ${subject}`,
    );
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
