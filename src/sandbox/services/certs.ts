/**
 * Per-sandbox throw-away CA and one server certificate (EC P-256) made with the
 * openssl CLI. SAN: IP:127.0.0.1, DNS:localhost and the FQDN, because libldap
 * checks the FQDN when a URI says localhost (P7).
 */
import { execFile } from 'node:child_process';
import { hostname } from 'node:os';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';
import { binary } from '../packages.ts';

const run = promisify(execFile);

async function fqdn(): Promise<string> {
  try {
    const { stdout } = await run('hostname', ['-f']);
    return stdout.trim() || hostname();
  } catch {
    return hostname();
  }
}

export interface CertFiles {
  caFile: string;
  certFile: string;
  keyFile: string;
}

export async function makeCertificates(certsDir: string, sandboxName: string): Promise<CertFiles> {
  const openssl = binary('openssl');
  const ca = { key: join(certsDir, 'ca.key'), crt: join(certsDir, 'ca.crt') };
  const server = { key: join(certsDir, 'server.key'), csr: join(certsDir, 'server.csr'), crt: join(certsDir, 'server.crt') };
  const extFile = join(certsDir, 'server.ext');
  const names = [...new Set(['localhost', await fqdn()])];
  await writeFile(
    extFile,
    [
      `subjectAltName=IP:127.0.0.1,${names.map((n) => `DNS:${n}`).join(',')}`,
      'basicConstraints=critical,CA:FALSE',
      'keyUsage=critical,digitalSignature',
      'extendedKeyUsage=serverAuth',
      '',
    ].join('\n'),
  );
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  await Promise.all([
    run(openssl, ['req', '-x509', ...ec, '-keyout', ca.key, '-out', ca.crt, '-days', '30',
      '-subj', `/O=signoff sandbox/CN=signoff sandbox ${sandboxName} CA`,
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']),
    run(openssl, ['req', ...ec, '-keyout', server.key, '-out', server.csr, '-subj', '/O=signoff sandbox/CN=localhost']),
  ]);
  await run(openssl, ['x509', '-req', '-in', server.csr, '-CA', ca.crt, '-CAkey', ca.key, '-days', '30',
    '-set_serial', `0x${randomBytes(8).toString('hex')}`, '-extfile', extFile, '-out', server.crt]);
  return { caFile: ca.crt, certFile: server.crt, keyFile: server.key };
}
