/**
 * Seeds every mailbox over LMTP: the fixture messages (fixtures/mail/*.eml)
 * plus generated ones into each INBOX, a few into Sent (user+Sent@domain with
 * lmtp_save_to_detail_mailbox). One LMTP transaction carries the RCPTs of a
 * whole group of mailboxes, so each message is sent once per group, not once
 * per user; the groups are delivered in parallel.
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

/** Splits the accounts into `n` disjoint, contiguous groups (fewer when there are fewer accounts). */
function groupsOf<T>(items: T[], n: number): T[][] {
  const size = Math.ceil(items.length / Math.max(1, n));
  const groups: T[][] = [];
  for (let i = 0; i < items.length; i += size) groups.push(items.slice(i, i + size));
  return groups;
}

interface Envelope {
  from: string;
  to: string[];
}

/** One message of the seed; `to` is filled per group, so the content is built once per message. */
interface SeedMessage {
  what: string;
  mail: Record<string, unknown> & { envelope: Envelope };
}

/** Groups of mailboxes delivered in parallel (two LMTP connections each: INBOX and Sent). */
const CONNECTIONS = 4;

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
    maxConnections: 2 * CONNECTIONS,
    maxMessages: Infinity,
  });
  let deliveries = 0;
  const send = async (message: SeedMessage, to: string[]): Promise<void> => {
    const info = await transport.sendMail({ ...message.mail, envelope: { ...message.mail.envelope, to } });
    if (info.rejected.length > 0) throw new Error(`LMTP rejected ${info.rejected.length} recipient(s) of ${message.what}: ${info.rejected.slice(0, 3).join(', ')}`);
    deliveries += info.accepted.length;
  };
  try {
    const fixtures = (await readdir(options.mailFixturesDir)).filter((f) => f.endsWith('.eml')).sort();
    const inbox: SeedMessage[] = [];
    for (const file of fixtures) {
      inbox.push({ what: file, mail: { envelope: { from: 'seed@example.test', to: [] }, raw: await readFile(join(options.mailFixturesDir, file)) } });
    }
    for (let i = 0; i < generated; i++) {
      const [subject, text] = TOPICS[i % TOPICS.length] as [string, string];
      const sender = accounts[(i * 7) % accounts.length] as Account;
      inbox.push({
        what: `generated message ${i + 1}`,
        mail: {
          envelope: { from: sender.email, to: [] },
          from: { name: sender.displayname, address: sender.email },
          to: 'team@example.test',
          subject: `${subject} ${i + 1}`,
          text: `${text}\n\n-- \n${sender.displayname}\n${sender.company ?? ''}\n`,
          date: new Date(now.getTime() - (i + 1) * 3_600_000),
        },
      });
    }
    const sentOf = (account: Account): { message: SeedMessage; to: string }[] => {
      const { local, domain } = splitAddress(account.email);
      return Array.from({ length: sentCount }, (_, i) => {
        const peer = accounts[(accounts.indexOf(account) + i + 1) % accounts.length] as Account;
        return {
          to: `${local}+Sent@${domain}`,
          message: {
            what: `Sent message for ${account.login}`,
            mail: {
              envelope: { from: account.email, to: [] },
              from: { name: account.displayname, address: account.email },
              to: { name: peer.displayname, address: peer.email },
              subject: i === 0 ? `Re: Abstimmung Termin` : `Unterlagen für ${peer.givenname}`,
              text: `Hallo ${peer.givenname},\n\npasst mir gut. Viele Grüße\n${account.givenname}\n`,
              date: new Date(now.getTime() - (i + 2) * 86_400_000),
            },
          },
        };
      });
    };
    // Per group of mailboxes one chain of INBOX transactions and one of Sent ones, each
    // one transaction at a time: transactions running at once never touch the same
    // mailbox (folder), so Dovecot's per-mailbox locks never queue them behind each other,
    // and the many small Sent transactions overlap the INBOX ones instead of following them.
    const groups = groupsOf(accounts, CONNECTIONS);
    await Promise.all([
      ...groups.map(async (group) => {
        const to = group.map((a) => a.email);
        for (const message of inbox) await send(message, to);
      }),
      ...groups.map(async (group) => {
        for (const account of group) for (const sent of sentOf(account)) await send(sent.message, [sent.to]);
      }),
    ]);
    return { inboxPerAccount: fixtures.length + generated, sentPerAccount: sentCount, deliveries };
  } finally {
    transport.close();
  }
}
