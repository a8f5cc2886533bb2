/** The IMAP compatibility probe (check family `imap`). */
export { runImapProbe, type ImapProbeInput, type ImapProbeResult } from './probe.ts';
export { buildCapabilityMatrix, OX_CAPABILITIES, type CapabilityLevel, type CapabilityMatrix, type CapabilityMatrixRow, type OxCapability } from './capabilities.ts';
export { IMAP_CHECKS } from './context.ts';
export type { ImapAccount, ImapTlsMode } from './session.ts';
