import { describe, expect, it } from 'vitest';
import { targetSchema } from '../../src/config/config.ts';
import type { RunPlan } from '../../src/config/plan.ts';
import { loadItemSchema } from '../../src/config/suite.ts';
import { clientEnv } from '../../src/load/client-env.ts';

const item = (extra: Record<string, unknown> = {}) => loadItemSchema.parse({ id: 'webmail', scenario: 'webmail-user', profile: { kind: 'smoke', vus: 1, duration: '5s' }, ...extra });
const remote = (autologin?: boolean): Pick<RunPlan, 'target'> => ({
  target: { kind: 'remote', name: 'acme', config: targetSchema.parse({ baseUrl: 'https://ox.example.com', ...(autologin === undefined ? {} : { autologin }) }) },
});
const sandbox: Pick<RunPlan, 'target'> = { target: { kind: 'sandbox', name: 'sandbox', sandboxName: undefined, start: true } };

describe('clientEnv', () => {
  it('tells k6 the 7.10 UI, a retry cap of 3 and autologin off by default', () => {
    expect(clientEnv(item(), remote())).toEqual({ SIGNOFF_UI: '7.10', SIGNOFF_RETRY_CAP: '3', SIGNOFF_AUTOLOGIN: 'off' });
    expect(clientEnv(item(), sandbox)).toEqual({ SIGNOFF_UI: '7.10', SIGNOFF_RETRY_CAP: '3', SIGNOFF_AUTOLOGIN: 'off' });
  });

  it('passes the suite item ui and retryCap, and autologin on only where the target says so', () => {
    expect(clientEnv(item({ ui: '8', retryCap: 5 }), remote(true))).toEqual({ SIGNOFF_UI: '8', SIGNOFF_RETRY_CAP: '5', SIGNOFF_AUTOLOGIN: 'on' });
    expect(clientEnv(item(), remote(false)).SIGNOFF_AUTOLOGIN).toBe('off');
  });

  it('refuses an unknown UI, a retry cap out of range and a non-boolean autologin', () => {
    expect(() => item({ ui: '9' })).toThrow();
    expect(() => item({ retryCap: 0 })).toThrow();
    expect(() => item({ retryCap: 21 })).toThrow();
    expect(() => targetSchema.parse({ baseUrl: 'https://ox.example.com', autologin: 'yes' })).toThrow();
    expect(() => item({ retries: 3 })).toThrow(/retries/);
  });
});
