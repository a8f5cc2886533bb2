/** Mail delivery to local recipients over Dovecot LMTP (nodemailer's SMTP transport in LMTP mode). */
import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import type { OxNodeConfig } from '../../types.ts';
import { OxError } from '../envelope.ts';

export interface DeliveryResult {
  accepted: string[];
  rejected: string[];
}

export class MailTransport {
  readonly #transport: Transporter;

  constructor(config: OxNodeConfig['lmtp']) {
    // LMTP on 127.0.0.1 only; Dovecot offers no STARTTLS there in the sandbox.
    this.#transport = nodemailer.createTransport({ host: config.host, port: config.port, lmtp: true, secure: false, ignoreTLS: true, pool: false });
  }

  async deliver(from: string, recipients: string[], raw: Buffer): Promise<DeliveryResult> {
    try {
      const info = await this.#transport.sendMail({ envelope: { from, to: recipients }, raw });
      const list = (v: unknown): string[] => (Array.isArray(v) ? v.map((a) => (typeof a === 'string' ? a : String((a as { address?: string }).address))) : []);
      return { accepted: list(info.accepted), rejected: list(info.rejected) };
    } catch (error) {
      throw new OxError('MSG-0100', [(error as Error).message], { cause: error });
    }
  }

  close(): void {
    this.#transport.close();
  }
}
