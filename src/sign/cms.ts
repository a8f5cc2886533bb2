/**
 * Checking a PDF's detached CMS signature: the ByteRange must cover the whole
 * file but the /Contents hole, the messageDigest attribute must equal the
 * SHA-256 of the signed bytes, and the signer's RSA/ECDSA signature over the
 * signed attributes must verify with the certificate's public key. node-forge
 * parses the ASN.1 (it has no CMS verify); node:crypto checks the signature
 * and reads the certificate.
 */
import { createHash, verify as cryptoVerify, X509Certificate } from 'node:crypto';
import { extractSignature } from '@signpdf/utils';
import forge from 'node-forge';

const OID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
const OID_SIGNING_TIME = '1.2.840.113549.1.9.5';
const DIGEST_BY_OID: Record<string, string> = {
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
  '1.3.14.3.2.26': 'sha1',
};

export interface PdfSignature {
  byteRange: number[];
  signer: X509Certificate;
  signingTime: Date | null;
  /** Problems found; empty means the signature is intact. */
  problems: string[];
}

type Node = forge.asn1.Asn1;

function children(node: Node | undefined): Node[] {
  return Array.isArray(node?.value) ? (node.value as Node[]) : [];
}

function der(node: Node): Buffer {
  return Buffer.from(forge.asn1.toDer(node).getBytes(), 'binary');
}

function attributeValue(signedAttrs: Node, oid: string): Node | undefined {
  for (const attr of children(signedAttrs)) {
    const [type, values] = children(attr);
    if (type && forge.asn1.derToOid(type.value as string) === oid) return children(values)[0];
  }
  return undefined;
}

/** True when the file contains a signature dictionary at all. */
export function hasSignature(pdf: Buffer): boolean {
  return pdf.includes('/ByteRange [');
}

export function checkPdfSignature(pdf: Buffer): PdfSignature {
  const { ByteRange: byteRange, signature, signedData } = extractSignature(pdf) as { ByteRange: number[]; signature: string; signedData: Buffer };
  const problems: string[] = [];
  const [a = -1, b = 0, c = 0, d = 0] = byteRange;
  if (a !== 0 || c + d !== pdf.length) problems.push('PDF modified after signing: bytes were added or removed outside the signed range');

  const contentInfo = forge.asn1.fromDer(signature, false);
  const signedDataNode = children(children(contentInfo)[1])[0];
  const parts = children(signedDataNode);
  const certsNode = parts.find((p) => p.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && p.type === 0);
  const signerInfo = children(parts[parts.length - 1])[0];
  const certs = children(certsNode).map((n) => new X509Certificate(der(n)));
  const info = children(signerInfo);
  const sid = info[1];
  const serial = sid ? Buffer.from(children(sid)[1]?.value as string, 'binary').toString('hex').replace(/^0+/, '').toUpperCase() : '';
  const signer = certs.find((cert) => cert.serialNumber.replace(/^0+/, '').toUpperCase() === serial) ?? certs[0];
  if (!signer) throw new Error('the signature carries no certificate');
  const digestOid = forge.asn1.derToOid(children(info[2])[0]?.value as string);
  const digest = DIGEST_BY_OID[digestOid] ?? 'sha256';
  const signedAttrs = info[3];
  const signatureValue = info[5];
  if (!signedAttrs || signedAttrs.tagClass !== forge.asn1.Class.CONTEXT_SPECIFIC || !signatureValue) throw new Error('the signature has no signed attributes');

  const messageDigest = attributeValue(signedAttrs, OID_MESSAGE_DIGEST);
  const expected = Buffer.from((messageDigest?.value as string | undefined) ?? '', 'binary');
  const actual = createHash(digest).update(signedData).digest();
  if (!expected.equals(actual)) problems.push('PDF modified after signing: the signed bytes no longer match the signature');

  // The signature is over the DER of the attributes as a SET (tag 0x31), not the [0] IMPLICIT form.
  const attrsDer = der(signedAttrs);
  attrsDer[0] = 0x31;
  const ok = cryptoVerify(digest, attrsDer, signer.publicKey, Buffer.from(signatureValue.value as string, 'binary'));
  if (!ok) problems.push('the signature value does not verify with the signer certificate');

  const timeNode = attributeValue(signedAttrs, OID_SIGNING_TIME);
  let signingTime: Date | null = null;
  if (timeNode) {
    signingTime =
      timeNode.type === forge.asn1.Type.UTCTIME ? forge.asn1.utcTimeToDate(timeNode.value as string) : forge.asn1.generalizedTimeToDate(timeNode.value as string);
  }
  return { byteRange: [a, b, c, d], signer, signingTime, problems };
}
