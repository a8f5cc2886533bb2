export { runApiRoundTrips } from './roundtrips.ts';
export type { ApiRoundTripInput, RoundTripAccount, RoundTripTarget } from './types.ts';
export { parseVcardFile, VcardSyntaxError } from './vcard-model.ts';
export { parseIcalFile, IcalSyntaxError } from './ical-model.ts';
export { MAIL_DELIVERY_CHECK } from './mail-delivery.ts';
export { PASSWORD_CHANGE_CHECK } from './password-change.ts';
