/**
 * Opening a PKCS#12 key store before signing, so a wrong passphrase, a store
 * without a key or an expired certificate is a clear error up front rather
 * than an exception from deep inside the signer.
 */
import forge from 'node-forge';
import { SignoffError } from '../errors.ts';

export interface SigningIdentity {
  subjectCommonName: string;
  subject: string;
  notBefore: Date;
  notAfter: Date;
}

export function signError(message: string, cause?: unknown): SignoffError {
  return new SignoffError('SIGN_FAILED', message, { cause });
}

/** forge leaves UTF8String values as raw UTF-8 bytes. */
function text(field: forge.pki.CertificateField | undefined): string {
  if (!field || typeof field.value !== 'string') return '';
  return field.valueTagClass === (forge.asn1.Type.UTF8 as unknown) ? forge.util.decodeUtf8(field.value) : field.value;
}

export function openP12(p12: Uint8Array, passphrase: string, now: Date): SigningIdentity {
  let store: forge.pkcs12.Pkcs12Pfx;
  try {
    const asn1 = forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(p12).toString('binary')));
    store = forge.pkcs12.pkcs12FromAsn1(asn1, false, passphrase);
  } catch (cause) {
    throw signError(`cannot open the PKCS#12 key store: ${(cause as Error).message} (wrong passphrase or not a .p12 file)`, cause);
  }
  const certBag = forge.pki.oids.certBag as string;
  const keyBag = forge.pki.oids.pkcs8ShroudedKeyBag as string;
  const certs = store.getBags({ bagType: certBag })[certBag] ?? [];
  const keys = store.getBags({ bagType: keyBag })[keyBag] ?? [];
  const cert = certs[0]?.cert;
  if (!cert) throw signError('the PKCS#12 key store holds no certificate');
  if (!keys[0]?.key) throw signError('the PKCS#12 key store holds no (shrouded) private key');
  const identity = {
    subjectCommonName: text(cert.subject.getField('CN') as forge.pki.CertificateField | undefined),
    subject: cert.subject.attributes.map((a: forge.pki.CertificateField) => `${a.shortName ?? a.name}=${text(a)}`).join(', '),
    notBefore: cert.validity.notBefore,
    notAfter: cert.validity.notAfter,
  };
  if (now < identity.notBefore || now > identity.notAfter) {
    throw signError(`the signing certificate "${identity.subject}" is not valid now (valid ${identity.notBefore.toISOString()} – ${identity.notAfter.toISOString()})`);
  }
  return identity;
}
