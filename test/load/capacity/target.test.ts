import { describe, expect, it } from 'vitest';
import { k6EnvFor } from '../../../src/load/capacity/target.ts';

describe('k6EnvFor', () => {
  it('passes the client settings (UI, retry cap, autologin) next to the target, so a capacity search loads like a run', () => {
    const env = k6EnvFor({ baseUrl: 'https://ox.example.com', accountsFile: '/tmp/pool.json', clientEnv: { SIGNOFF_UI: '8', SIGNOFF_RETRY_CAP: '5', SIGNOFF_AUTOLOGIN: 'on' } });
    expect(env).toEqual({ SIGNOFF_BASE_URL: 'https://ox.example.com', SIGNOFF_API_PATH: '/ajax', SIGNOFF_ACCOUNTS_FILE: '/tmp/pool.json', SIGNOFF_UI: '8', SIGNOFF_RETRY_CAP: '5', SIGNOFF_AUTOLOGIN: 'on' });
  });

  it("leaves them to the k6 client's defaults when none are given", () => {
    expect(Object.keys(k6EnvFor({ baseUrl: 'https://ox.example.com', accountsFile: '/tmp/pool.json' })).sort()).toEqual(['SIGNOFF_ACCOUNTS_FILE', 'SIGNOFF_API_PATH', 'SIGNOFF_BASE_URL']);
  });
});
