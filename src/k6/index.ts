/** What scenarios import: the OX client for k6, think time and pool helpers. */
export { OxClient } from './client.ts';
export { OxSession, OX_CLIENT, AUTOLOGIN_OFF } from './session.ts';
export type { OxCall, LoginData, LoginOptions } from './session.ts';
export { BROWSER_AGENTS, browserForVu } from './user-agents.ts';
export type { BrowserAgent } from './user-agents.ts';
export type { OxOutcome, ResponseShape } from './envelope.ts';
export { accountForVu, peerAccount, poolSize } from './accounts.ts';
export type { OxAccount } from './accounts.ts';
export { think } from './think.ts';
export { weekOf } from './modules/chronos.ts';
export type { DateRange, NewEvent } from './modules/chronos.ts';
export type { DefaultFolders } from './modules/boot.ts';
