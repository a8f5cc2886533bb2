/**
 * `signoff k8s <suite> --parallelism N --out <dir>`: the manifests to run a
 * suite's load item on the k6-operator (ConfigMap, results claim, TestRun,
 * collector) plus signoff-k8s.json for `signoff merge`. No secret value is
 * ever written: the account pool is a Secret the cluster already has.
 */
import path from 'node:path';
import type { Command } from 'commander';
import { resolveConfig } from '../config/resolve.ts';
import { SignoffError } from '../errors.ts';
import { writeK8s } from '../k8s/write.ts';
import { clientEnv } from '../load/client-env.ts';
import { K6_VERSION } from '../tools/registry.ts';
import { parseSlos } from './capacity.ts';
import { kubernetesName, kubernetesQuantity, kubernetesSubdomain, outputFolder, seconds, wholeNumber } from './flag-values.ts';

interface K8sFlags {
  scenario?: string;
  parallelism: number;
  out: string;
  name?: string;
  namespace?: string;
  target?: string;
  config?: string;
  profile?: string;
  slo: string[];
  accountsSecret: string;
  accountsKey: string;
  caSecret?: string;
  image: string;
  cpu: string;
  memory: string;
  memoryLimit: string;
  storage: string;
  storageClass?: string;
  separate?: boolean;
  thinkTime?: number;
}

export function registerK8s(program: Command): void {
  program
    .command('k8s')
    .description('write k6-operator manifests (ConfigMap, TestRun, results claim) to run a suite\'s load from a Kubernetes cluster')
    .argument('<suite>', 'suite file; its load item and the config target give scenario, profile, SLOs and base URL')
    .requiredOption('--parallelism <n>', 'number of k6 runners (each takes 1/n of the VUs)', wholeNumber(1))
    .option('--out <dir>', 'folder for the manifests', outputFolder, 'k8s')
    .option('--scenario <name>', 'which load item (scenario or item id), default the first')
    .option('-t, --target <name>', 'config target (its baseUrl is what the runners load)')
    .option('-c, --config <file>', 'config file')
    .option('--profile <name>', 'named profile of the load item (default: agreed)')
    .option('--slo <sentence>', 'SLO replacing the suite\'s (repeatable)', (v: string, all: string[]) => [...all, v], [])
    .option('--name <name>', 'TestRun name (default signoff-<scenario>)', kubernetesName)
    .option('--namespace <ns>', 'namespace for all manifests', kubernetesName)
    .option('--accounts-secret <name>', 'Secret holding the JSON account pool', kubernetesSubdomain, 'signoff-accounts')
    .option('--accounts-key <key>', 'key of the pool in that Secret', 'accounts.json')
    .option('--ca-secret <name>', 'Secret with ca.crt for a private CA', kubernetesSubdomain)
    .option('--image <image>', 'k6 runner image', `grafana/k6:${K6_VERSION}`)
    .option('--cpu <q>', 'CPU request per runner', kubernetesQuantity, '1')
    .option('--memory <q>', 'memory request per runner', kubernetesQuantity, '1Gi')
    .option('--memory-limit <q>', 'memory limit per runner', kubernetesQuantity, '2Gi')
    .option('--storage <q>', 'size of the results claim', kubernetesQuantity, '5Gi')
    .option('--storage-class <name>', 'storage class of the results claim (must offer ReadWriteMany)', kubernetesSubdomain)
    .option('--separate', 'one runner per cluster node (pod anti-affinity)')
    .option('--think-time <s>', 'mean think time between user actions in seconds', seconds)
    .action(async (suite: string, flags: K8sFlags) => {
      const { parallelism } = flags;
      const plan = await resolveConfig({ suiteFile: suite, configFile: flags.config, overrides: { targetName: flags.target, profileName: flags.profile } });
      if (plan.target.kind !== 'remote') throw new SignoffError('USAGE', 'signoff k8s needs a configured target (--target <name>): runners in a cluster cannot reach a local sandbox');
      const tasks = plan.tasks.filter((t) => t.kind === 'load');
      const task = tasks.find((t) => !flags.scenario || t.item.scenario === flags.scenario || t.item.id === flags.scenario);
      if (!task) throw new SignoffError('USAGE', `${suite}: no load item${flags.scenario ? ` "${flags.scenario}"` : ''}; it has: ${tasks.map((t) => t.item.id).join(', ') || 'none'}`);
      const slos = flags.slo.length > 0 ? parseSlos(flags.slo) : task.slos;
      const name = flags.name ?? `signoff-${task.item.id}`.toLowerCase().replace(/[^a-z0-9-]/g, '-').slice(0, 52).replace(/-+$/, '');
      const written = await writeK8s({
        name,
        ...(flags.namespace ? { namespace: flags.namespace } : {}),
        parallelism,
        baseUrl: plan.target.config.baseUrl,
        apiPath: plan.target.config.apiPath,
        ...(flags.thinkTime === undefined ? {} : { thinkTimeS: flags.thinkTime }),
        clientEnv: clientEnv(task.item, plan),
        accountsSecret: flags.accountsSecret,
        accountsSecretKey: flags.accountsKey,
        ...(flags.caSecret ? { caSecret: flags.caSecret } : {}),
        image: flags.image,
        resources: { cpu: flags.cpu, memory: flags.memory, memoryLimit: flags.memoryLimit },
        resultsStorage: flags.storage,
        ...(flags.storageClass ? { storageClassName: flags.storageClass } : {}),
        separate: flags.separate ?? false,
        scenarioFile: task.scenarioFile,
        profileName: task.profileName,
        profile: task.profile,
        slos,
        outDir: path.resolve(flags.out),
      });
      const out = path.resolve(flags.out);
      process.stdout.write(
        `${written.files.map((f) => `  ${f}`).join('\n')}\n` +
          `next:\n` +
          `  kubectl create secret generic ${flags.accountsSecret} --from-file=${flags.accountsKey}=<accounts.json>${flags.namespace ? ` -n ${flags.namespace}` : ''}\n` +
          `  kubectl apply -f ${out}/results-pvc.yaml -f ${out}/configmap.yaml -f ${out}/testrun.yaml\n` +
          `  (wait for the TestRun stage "finished") kubectl apply -f ${out}/collector.yaml\n` +
          `  kubectl cp ${flags.namespace ? `${flags.namespace}/` : ''}${name}-collector:/results ${out}/results\n` +
          `  signoff merge ${out}/results\n`,
      );
    });
}
