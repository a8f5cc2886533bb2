/**
 * The Kubernetes side of a distributed approval load: a ConfigMap with the
 * compiled script, a PersistentVolumeClaim the runners write their raw k6
 * samples to, the k6-operator TestRun (parallelism N: the operator gives runner
 * i the execution segment (i-1)/N:i/N), and a collector pod to copy the
 * results out. The account pool comes from a Secret the operator of the test
 * creates: only its name is written here, never a password.
 */
export interface K8sManifestInput {
  /** TestRun name (DNS label): also names the ConfigMap, claim and collector. */
  name: string;
  namespace?: string;
  parallelism: number;
  /** File name of the script in the ConfigMap, e.g. webmail-user.js. */
  scriptFile: string;
  /** The compiled script's text. */
  script: string;
  baseUrl: string;
  apiPath?: string;
  thinkTimeS?: number;
  /** What the k6 client reads besides the target (SIGNOFF_UI, SIGNOFF_RETRY_CAP, SIGNOFF_AUTOLOGIN). */
  clientEnv?: Record<string, string>;
  /** Secret holding the JSON account pool under `accountsSecretKey`. */
  accountsSecret: string;
  accountsSecretKey?: string;
  /** Secret with the CA bundle (`ca.crt`) for an HTTPS target with a private CA. */
  caSecret?: string;
  /** Runner image; the pinned k6 by default. */
  image: string;
  resources: { cpu: string; memory: string; memoryLimit: string };
  /** Size of the results claim, e.g. 5Gi (gzipped JSON samples). */
  resultsStorage: string;
  storageClassName?: string;
  /** Spread runners over nodes (pod anti-affinity). */
  separate?: boolean;
}

export interface K8sManifests {
  configMap: Record<string, unknown>;
  resultsClaim: Record<string, unknown>;
  testRun: Record<string, unknown>;
  collector: Record<string, unknown>;
}

export const RESULTS_DIR = '/results';
const ACCOUNTS_DIR = '/signoff/accounts';
const CA_DIR = '/signoff/ca';

export function buildManifests(input: K8sManifestInput): K8sManifests {
  const { name } = input;
  if (!/^[a-z0-9]([-a-z0-9]{0,50}[a-z0-9])?$/.test(name)) throw new RangeError(`"${name}" is not a valid name (lowercase letters, digits and -, at most 52 characters)`);
  if (!Number.isInteger(input.parallelism) || input.parallelism < 1) throw new RangeError(`parallelism must be a positive whole number, got ${input.parallelism}`);
  const metadata = (suffix: string): Record<string, unknown> => ({
    name: `${name}${suffix}`,
    ...(input.namespace ? { namespace: input.namespace } : {}),
    labels: { 'app.kubernetes.io/name': 'signoff', 'app.kubernetes.io/instance': name },
  });
  const accountsKey = input.accountsSecretKey ?? 'accounts.json';

  const env = [
    { name: 'SIGNOFF_BASE_URL', value: input.baseUrl },
    { name: 'SIGNOFF_API_PATH', value: input.apiPath ?? '/ajax' },
    { name: 'SIGNOFF_ACCOUNTS_FILE', value: `${ACCOUNTS_DIR}/${accountsKey}` },
    ...(input.thinkTimeS === undefined ? [] : [{ name: 'SIGNOFF_THINK_TIME', value: String(input.thinkTimeS) }]),
    ...Object.entries(input.clientEnv ?? {}).map(([envName, value]) => ({ name: envName, value })),
    ...(input.caSecret ? [{ name: 'SSL_CERT_FILE', value: `${CA_DIR}/ca.crt` }] : []),
    // The pod's own name, so every runner writes its own results file (Kubernetes expands $(VAR) in the command).
    { name: 'SIGNOFF_RUNNER', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
  ];
  const volumes = [
    { name: 'results', persistentVolumeClaim: { claimName: `${name}-results` } },
    { name: 'accounts', secret: { secretName: input.accountsSecret, defaultMode: 0o400 } },
    ...(input.caSecret ? [{ name: 'ca', secret: { secretName: input.caSecret } }] : []),
  ];
  const volumeMounts = [
    { name: 'results', mountPath: RESULTS_DIR },
    { name: 'accounts', mountPath: ACCOUNTS_DIR, readOnly: true },
    ...(input.caSecret ? [{ name: 'ca', mountPath: CA_DIR, readOnly: true }] : []),
  ];

  const testRun = {
    apiVersion: 'k6.io/v1alpha1',
    kind: 'TestRun',
    metadata: metadata(''),
    spec: {
      parallelism: input.parallelism,
      separate: input.separate ?? false,
      script: { configMap: { name: `${name}-script`, file: input.scriptFile } },
      // Raw samples, gzipped (k6 compresses a .gz json output): signoff merges them into exact percentiles.
      arguments: `--out json=${RESULTS_DIR}/${name}-$(SIGNOFF_RUNNER).json.gz --no-usage-report`,
      runner: {
        image: input.image,
        // The k6 image runs as uid 12345: the group lets it write to the results claim.
        securityContext: { fsGroup: 12345 },
        env,
        volumes,
        volumeMounts,
        resources: {
          requests: { cpu: input.resources.cpu, memory: input.resources.memory },
          limits: { memory: input.resources.memoryLimit },
        },
      },
    },
  };

  return {
    configMap: { apiVersion: 'v1', kind: 'ConfigMap', metadata: metadata('-script'), data: { [input.scriptFile]: input.script } },
    resultsClaim: {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: metadata('-results'),
      spec: {
        // Every runner writes to it at once, possibly from different nodes.
        accessModes: ['ReadWriteMany'],
        resources: { requests: { storage: input.resultsStorage } },
        ...(input.storageClassName ? { storageClassName: input.storageClassName } : {}),
      },
    },
    testRun,
    collector: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: metadata('-collector'),
      spec: {
        restartPolicy: 'Never',
        containers: [{ name: 'collector', image: 'busybox:1.36', command: ['sleep', '3600'], volumeMounts: [{ name: 'results', mountPath: RESULTS_DIR, readOnly: true }] }],
        volumes: [{ name: 'results', persistentVolumeClaim: { claimName: `${name}-results` } }],
      },
    },
  };
}
