/**
 * Seeds every mailbox over LMTP: the fixture messages (fixtures/mail/*.eml)
 * plus generated ones into each INBOX, a few into Sent (user+Sent@domain with
 * lmtp_save_to_detail_mailbox). One LMTP transaction carries many RCPTs, so
 * seeding 50 users costs a few dozen transactions, not hundreds.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { Account } from '../../config/accounts.ts';

export interface SeedOptions {
  lmtpPort: number;
  accounts: Account[];
  mailFixturesDir: string;
  /** Generated INBOX messages per account on top of the fixtures. */
  generated?: number;
  /** Messages per account in Sent. */
  sent?: number;
  /** The clock the seeded dates hang off (injected for repeatable content). */
  now?: Date;
}

export interface SeedResult {
  inboxPerAccount: number;
  sentPerAccount: number;
  deliveries: number;
}

const TOPICS = [
  ['Wochenbericht KW', 'Anbei die Zahlen der Woche. Umsatz und Tickets liegen im Plan.'],
  ['Meeting notes: roll-out', 'Action items: finalise the DNS switch, confirm the maintenance window, update the runbook.'],
  ['Reminder: timesheets', 'Please submit your timesheets by Friday 15:00.'],
  ['Kantine: Speiseplan', 'Montag: Gemüselasagne · Dienstag: Käsespätzle · Mittwoch: Fischfilet mit Kartoffelsalat.'],
  ['Ticket #48213 updated', 'The customer confirmed the fix. Status changed from "pending" to "resolved".'],
  ['Quarterly review invitation', 'Dear team, the quarterly review takes place in room 2.14. Agenda to follow.'],
];

function splitAddress(email: string): { local: string; domain: string } {
  const at = email.lastIndexOf('@');
  return { local: email.slice(0, at), domain: email.slice(at + 1) };
}

export async function seedMailboxes(options: SeedOptions): Promise<SeedResult> {
  const { accounts } = options;
  const now = options.now ?? new Date();
  const generated = options.generated ?? 3;
  const sentCount = options.sent ?? 2;
  // LMTP on loopback inside the sandbox: plaintext is fine, and no STARTTLS keeps seeding quick.
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: options.lmtpPort,
    lmtp: true,
    ignoreTLS: true,
    pool: true,
    maxConnections: 6,
    maxMessages: Infinity,
  });
  const everyone = accounts.map((a) => a.email);
  let deliveries = 0;
  const check = (info: { rejected: unknown[]; accepted: unknown[] }, what: string): void => {
    if (info.rejected.length > 0) throw new Error(`LMTP rejected ${info.rejected.length} recipient(s) of ${what}: ${info.rejected.slice(0, 3).join(', ')}`);
    deliveries += info.accepted.length;
  };
  try {
    const fixtures = (await readdir(options.mailFixturesDir)).filter((f) => f.endsWith('.eml')).sort();
    const jobs: Promise<void>[] = [];
    for (const file of fixtures) {
      const raw = await readFile(join(options.mailFixturesDir, file));
      jobs.push(
        transport
          .sendMail({ envelope: { from: 'seed@example.test', to: everyone }, raw })
          .then((info) => check(info, file)),
      );
    }
    for (let i = 0; i < generated; i++) {
      const [subject, text] = TOPICS[i % TOPICS.length] as [string, string];
      const sender = accounts[(i * 7) % accounts.length] as Account;
      jobs.push(
        transport
          .sendMail({
            envelope: { from: sender.email, to: everyone },
            from: { name: sender.displayname, address: sender.email },
            to: 'team@example.test',
            subject: `${subject} ${i + 1}`,
            text: `${text}\n\n-- \n${sender.displayname}\n${sender.company ?? ''}\n`,
            date: new Date(now.getTime() - (i + 1) * 3_600_000),
          })
          .then((info) => check(info, `generated message ${i + 1}`)),
      );
    }
    for (const account of accounts) {
      const { local, domain } = splitAddress(account.email);
      for (let i = 0; i < sentCount; i++) {
        const peer = accounts[(accounts.indexOf(account) + i + 1) % accounts.length] as Account;
        jobs.push(
          transport
            .sendMail({
              envelope: { from: account.email, to: [`${local}+Sent@${domain}`] },
              from: { name: account.displayname, address: account.email },
              to: { name: peer.displayname, address: peer.email },
              subject: i === 0 ? `Re: Abstimmung Termin` : `Unterlagen für ${peer.givenname}`,
              text: `Hallo ${peer.givenname},\n\npasst mir gut. Viele Grüße\n${account.givenname}\n`,
              date: new Date(now.getTime() - (i + 2) * 86_400_000),
            })
            .then((info) => check(info, `Sent message for ${account.login}`)),
        );
      }
    }
    await Promise.all(jobs);
    return { inboxPerAccount: fixtures.length + generated, sentPerAccount: sentCount, deliveries };
  } finally {
    transport.close();
  }
}
