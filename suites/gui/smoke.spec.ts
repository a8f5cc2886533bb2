/**
 * GUI smoke: a user's day in App Suite, one check per step, in one browser
 * session: login page, sign in, inbox, read, send in the HTML and in the
 * plain-text editor (arrival checked over the API as the recipient), calendar
 * (its default layout, then Week), address book, drive upload, sign out; and
 * a wrong password. Each step is timed (figures in criteria and timings).
 */
import { OxClient } from '../../src/probes/api/ox-client.ts';
import { checkId, closeSharedSession, expect, openSharedSession, test, type GuiSession } from '../../src/gui/fixtures.ts';
import { LoginPage } from '../../src/gui/pages/login-page.ts';
import { MailApp } from '../../src/gui/pages/mail-app.ts';
import { CalendarApp, ContactsApp, DriveApp } from '../../src/gui/pages/apps.ts';
import { Shell } from '../../src/gui/pages/shell.ts';
import type { EditorMode } from '../../src/gui/selectors.ts';
import type { CheckRecorder } from '../../src/gui/check-recorder.ts';

let session: GuiSession;
const pages = () => ({
  login: new LoginPage(session.page, session.selectors, session.uiUrl),
  shell: new Shell(session.page, session.selectors),
  mail: new MailApp(session.page, session.selectors),
});

/** Composes in `mode` to the second account and waits (over the API, as the recipient) until it arrives. */
async function sendAndCheckArrival(check: CheckRecorder, mode: EditorMode): Promise<void> {
  const { input, secrets } = session;
  const [, recipient] = input.accounts;
  const subject = `signoff smoke ${mode} ${input.runTag} ${test.info().project.name}`;
  const { opened } = await check.step(`compose in the ${mode === 'html' ? 'HTML' : 'plain-text'} editor and send`, () =>
    pages().mail.compose(recipient.email, subject, `Sent by the signoff GUI smoke check (${mode} editor).`, mode));
  check.criterion('editor when compose opens', 'html (default messageFormat) or text', opened, true);
  const client = new OxClient({ baseUrl: input.baseUrl, apiPath: input.apiPath, ...(input.caFile ? { caFile: input.caFile } : {}) });
  const arrived = await check.step('arrival in the recipient inbox (API)', async () => {
    await client.login(recipient.login, secrets.passwords[1]);
    try {
      await expect.poll(async () => {
        const rows = (await client.call('mail', 'all', { folder: 'default0/INBOX', columns: '600,607', sort: '610', order: 'desc', limit: 50 })) as unknown[][];
        return rows.some((row) => row[1] === subject);
      }, { timeout: 20_000, intervals: [250, 500, 1_000] }).toBe(true);
      return true;
    } finally {
      await client.logout().catch(() => undefined);
      await client.close();
    }
  }, { screenshot: false });
  check.criterion('mail arrived', `subject "${subject}" in ${recipient.email}'s INBOX`, arrived ? 'found' : 'not found', arrived);
}

test.beforeAll(async ({ browser }, testInfo) => {
  session = await openSharedSession(browser, testInfo);
});
test.afterAll(async () => {
  await closeSharedSession();
});

test.describe('smoke', () => {
  // A journey: when a step fails, the steps after it cannot run.
  test.describe.configure({ mode: 'serial' });

  test('the login page loads with the user name focused', checkId('gui', 'smoke.login-page'), async ({ check }) => {
    await check.step('login page ready', () => pages().login.open());
  });

  test('a test account signs in', checkId('gui', 'smoke.login'), async ({ check }) => {
    const { login, shell } = pages();
    const [account] = session.input.accounts;
    await check.step('sign in until the shell shows', () =>
      login.signIn(account.login, session.secrets.passwords[0], session.tracer, () => shell.waitUntilVisible()));
  });

  test('the mail list shows the inbox', checkId('gui', 'smoke.mail-list'), async ({ check }) => {
    const count = await check.step('mail list shown', () => pages().mail.waitForInbox());
    check.criterion('mails listed in INBOX', '≥ 1', String(count), count >= 1);
    const selected = await pages().mail.inboxSelected();
    check.criterion('INBOX selected', 'selected', selected ? 'selected' : 'not selected', selected);
  });

  test('a mail opens with subject and body', checkId('gui', 'smoke.mail-open'), async ({ check }) => {
    const opened = await check.step('open the first mail', () => pages().mail.openFirst());
    check.criterion('detail subject', opened.listed, opened.shown, opened.shown === opened.listed);
    check.criterion('body rendered', '> 0 characters', `${opened.bodyLength} characters`, opened.bodyLength > 0);
  });

  test('a mail written in the HTML editor arrives at the second account', checkId('gui', 'smoke.mail-send'), async ({ check }) => {
    await sendAndCheckArrival(check, 'html');
  });

  test('a mail written in the plain-text editor arrives at the second account', checkId('gui', 'smoke.mail-send-text'), async ({ check }) => {
    await sendAndCheckArrival(check, 'text');
  });

  test('the calendar shows the week view', checkId('gui', 'smoke.calendar'), async ({ check }) => {
    // The real default layout is week:workweek; like OX's e2e tests, switch to Week through the view menu.
    // A phone has no week pages: the real UI shows the day view there.
    const phone = test.info().project.use.isMobile === true;
    const { opened, shown } = await check.step('calendar week view shown', async () => {
      await pages().shell.launch('io.ox/calendar');
      return new CalendarApp(session.page, session.selectors).showWeek({ phone });
    });
    check.criterion('layout on opening', phone ? 'a calendar layout (week:day on a phone)' : 'a calendar layout (default week:workweek)', opened || '(none)', opened.length > 0);
    check.criterion('layout shown', phone ? 'the layout opened' : 'week:week', shown, phone ? shown === opened : shown === 'week:week');
  });

  test('the address book lists contacts', checkId('gui', 'smoke.contacts'), async ({ check }) => {
    const count = await check.step('address book shown', async () => {
      await pages().shell.launch('io.ox/contacts');
      return new ContactsApp(session.page, session.selectors).waitForContacts();
    });
    check.criterion('contacts listed', 'the list loads (any number)', String(count), true);
  });

  test('a file uploads to drive', checkId('gui', 'smoke.drive-upload'), async ({ check }) => {
    const drive = new DriveApp(session.page, session.selectors);
    await check.step('drive shown', async () => {
      await pages().shell.launch('io.ox/files');
      await drive.waitForList();
    });
    const name = `signoff-${session.input.runTag}-${test.info().project.name}.txt`;
    await check.step('upload a file', () => drive.upload(name, Buffer.from('uploaded by the signoff GUI smoke check\n'), 'text/plain'));
    check.criterion('uploaded file listed', name, name, true);
  });

  test('sign-out returns to the login page', checkId('gui', 'smoke.sign-out'), async ({ check }) => {
    const { login, shell } = pages();
    await check.step('sign out until the login page is ready', async () => {
      await shell.signOut();
      await login.waitUntilReady();
    });
  });
});

test.describe('smoke: wrong password', () => {
  test('a wrong password shows the feedback message', checkId('gui', 'smoke.wrong-password'), async ({ check }) => {
    const { login } = pages();
    const [account] = session.input.accounts;
    await check.step('login page ready', () => login.open());
    let feedback = '';
    await check.step('sign in with a wrong password', () =>
      login.signIn(account.login, `${session.secrets.passwords[0]}-wrong`, session.tracer, async () => {
        feedback = await login.waitForFeedback();
      }));
    check.criterion('feedback message', 'a message in #io-ox-login-feedback', feedback || '(none)', feedback.length > 0);
    const stillThere = await login.isVisible();
    check.criterion('stays on the login page', 'login form visible', stillThere ? 'visible' : 'gone', stillThere);
  });
});
