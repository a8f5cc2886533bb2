/**
 * @signpdf's P12Signer with one fix: node-forge keeps UTF8String name values
 * as raw UTF-8 bytes when it parses a certificate but UTF-8-encodes them
 * again when it writes the CMS issuerAndSerialNumber, so any signer whose
 * issuer has a non-ASCII character ("Müller GmbH", or the demo key's "—")
 * gets a signature no validator can match to its certificate. Passing the
 * issuer with those values decoded makes the round trip exact.
 * Everything else is as in @signpdf/signer-p12 3.3 (SHA-256, detached,
 * contentType / signingTime / messageDigest in that order).
 */
import { Signer, SignPdfError } from '@signpdf/utils';
import forge from 'node-forge';

export class Utf8SafeP12Signer extends Signer {
  private readonly p12: Uint8Array;
  private readonly passphrase: string;

  constructor(p12: Uint8Array, passphrase: string) {
    super();
    this.p12 = p12;
    this.passphrase = passphrase;
  }

  override async sign(pdf: Buffer, signingTime?: Date): Promise<Buffer> {
    const store = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(Buffer.from(this.p12).toString('binary')), false, this.passphrase);
    const certBag = forge.pki.oids.certBag as string;
    const keyBag = forge.pki.oids.pkcs8ShroudedKeyBag as string;
    const certs = (store.getBags({ bagType: certBag })[certBag] ?? []).flatMap((b) => (b.cert ? [b.cert] : []));
    const key = store.getBags({ bagType: keyBag })[keyBag]?.[0]?.key as forge.pki.rsa.PrivateKey | undefined;
    if (!key) throw new SignPdfError('The key store holds no private key.', SignPdfError.TYPE_INPUT);
    const p7 = forge.pkcs7.createSignedData();
    p7.content = forge.util.createBuffer(pdf.toString('binary'));
    let signerCert: forge.pki.Certificate | undefined;
    for (const cert of certs) {
      p7.addCertificate(cert);
      const pub = cert.publicKey as forge.pki.rsa.PublicKey;
      if (key.n.compareTo(pub.n) === 0 && key.e.compareTo(pub.e) === 0) signerCert = cert;
    }
    if (!signerCert) throw new SignPdfError('Failed to find a certificate that matches the private key.', SignPdfError.TYPE_INPUT);
    const issuer = signerCert.issuer.attributes.map((a: forge.pki.CertificateField) =>
      a.valueTagClass === (forge.asn1.Type.UTF8 as unknown) && typeof a.value === 'string' ? { ...a, value: forge.util.decodeUtf8(a.value) } : a,
    );
    p7.addSigner({
      key,
      issuer,
      serialNumber: signerCert.serialNumber,
      digestAlgorithm: forge.pki.oids.sha256,
      authenticatedAttributes: [
        { type: forge.pki.oids.contentType, value: forge.pki.oids.data },
        { type: forge.pki.oids.signingTime, value: (signingTime ?? new Date()) as unknown as string },
        { type: forge.pki.oids.messageDigest },
      ],
    } as unknown as Parameters<typeof p7.addSigner>[0]);
    p7.sign({ detached: true });
    return Buffer.from(forge.asn1.toDer(p7.toAsn1()).getBytes(), 'binary');
  }
}
