/** The OX wire facts signoff relies on, as schemas written from the OX spec (each file cites its source). */
export { classifyEnvelope, envelope, errorEnvelope, errorFields, isWarningShape, successEnvelope, warningEnvelope, warningsOf, WARNING_CATEGORY } from './envelope.ts';
export type { ErrorFields, Outcome } from './envelope.ts';
export { classifyLogin, loginResponse } from './login.ts';
export type { LoginOutcome, LoginResponse } from './login.ts';
export { classifyMultiple, multipleResponse } from './multiple.ts';
export { FOLDER_COLUMNS, MAIL_COLUMNS, objectSchema, rowsSchema } from './columns.ts';
export { mailConversations, mailRows } from './mail.ts';
export { folderRows, visibleFolders } from './folders.ts';
export { calendarFolderId, chronosEvent, chronosEvents, dateTime } from './chronos.ts';
export { compositionSpace } from './compose.ts';
export { CONTRACT_NAMES, verifyResponse } from './verify.ts';
export type { Verdict, VerifyParams } from './verify.ts';
