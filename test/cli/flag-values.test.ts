import { describe, expect, it } from 'vitest';
import { kubernetesName, kubernetesQuantity, kubernetesSubdomain, numberBetween, outputFile, outputFolder, positiveDuration, seconds, wholeNumber } from '../../src/cli/flag-values.ts';
import { signoff } from '../support/cli.ts';

describe('command-line values', () => {
  it('accepts what Kubernetes accepts as names and quantities and refuses the rest', () => {
    expect(kubernetesName('signoff-webmail-1')).toBe('signoff-webmail-1');
    for (const bad of ['My Test Run!', '-lead', 'trail-', 'a'.repeat(64), 'dot.ted']) expect(() => kubernetesName(bad)).toThrow(/Kubernetes name/);
    expect(kubernetesSubdomain('fast.ssd')).toBe('fast.ssd');
    for (const good of ['1', '500m', '1.5', '1Gi', '256Mi', '2e3', '64k']) expect(kubernetesQuantity(good)).toBe(good);
    for (const bad of ['lots of', '1GB', 'Gi', '', '1 Gi', '1ki']) expect(() => kubernetesQuantity(bad)).toThrow(/quantity/);
  });

  it('refuses numbers, durations and seconds that are not what the flag needs', () => {
    expect(wholeNumber(1)('4')).toBe(4);
    for (const bad of ['0', '-1', '1.5', 'abc', '', '4x']) expect(() => wholeNumber(1)(bad)).toThrow(/whole number/);
    expect(numberBetween(0, 1)('0.05')).toBe(0.05);
    for (const bad of ['abc', '0', '1.5', '', 'NaN']) expect(() => numberBetween(0, 1)(bad)).toThrow(/number above 0/);
    expect(positiveDuration('30s')).toBe('30s');
    for (const bad of ['forever', '0s', '30', '1d']) expect(() => positiveDuration(bad)).toThrow(/duration/);
    expect(seconds('0.5')).toBe(0.5);
    for (const bad of ['abc', '-1', '', 'Infinity']) expect(() => seconds(bad)).toThrow(/seconds/);
  });

  it('makes the real CLI exit 2 naming the flag, before anything runs', async () => {
    const k8s = await signoff(['k8s', 'suites/approval.ts', '--parallelism', '2', '--name', 'My Test Run!', '--out', '/nonexistent/never-written']);
    expect(k8s.code).toBe(2);
    expect(k8s.stderr).toContain('--name');
    expect(k8s.stderr).toContain('Kubernetes name');
    const memory = await signoff(['k8s', 'suites/approval.ts', '--parallelism', '2', '--memory', 'lots of']);
    expect(memory.code).toBe(2);
    expect(memory.stderr).toContain('quantity');
    const think = await signoff(['k8s', 'suites/approval.ts', '--parallelism', '2', '--think-time', 'abc']);
    expect(think.code).toBe(2);
    const capacity = await signoff(['capacity', '--scenario', 'login-logout', '--step-duration', 'forever']);
    expect(capacity.code).toBe(2);
    expect(capacity.stderr).toContain('--step-duration');
    const precision = await signoff(['capacity', '--scenario', 'login-logout', '--precision', 'abc']);
    expect(precision.code).toBe(2);
    for (const r of [k8s, memory, think, capacity, precision]) expect(r.stderr).not.toContain('INTERNAL');
  });
});

describe('output paths', () => {
  it('refuses an --out that is a file, or a file whose folder does not exist, exit 2 before anything runs', async () => {
    const run = await signoff(['run', 'suites/nightly.ts', '--out', 'README.md']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('README.md is a file');
    const history = await signoff(['history', 'runs', '--out', '/nonexistent-signoff/trends.html']);
    expect(history.code).toBe(2);
    expect(history.stderr).toContain('does not exist');
    for (const r of [run, history]) expect(r.stderr).not.toContain('INTERNAL');
  });

  it('accepts a folder that does not exist yet below a writable one', () => {
    expect(outputFolder('runs/new/deeper')).toBe('runs/new/deeper');
    expect(() => outputFolder('README.md/x')).toThrow(/is a file/);
    expect(outputFile('trends.html')).toBe('trends.html');
    expect(() => outputFile('src')).toThrow(/is a folder/);
  });
});
