/** Pure strictness parts of the stand-in: OX warnings, real error codes, the rate limiter, the per-user session cap, the new faults. */
import { describe, expect, it } from 'vitest';
import { parseFault } from '../../../src/cli/sandbox.ts';
import { addWarnings, errorEnvelope, OxError, successEnvelope } from '../../../src/sandbox/ox/envelope.ts';
import { FaultState, parseFaultSpec } from '../../../src/sandbox/ox/faults.ts';
import { OX_RATE_LIMIT_DEFAULTS, PREPARED_RATE_LIMIT, RateLimiter, wildcardMatcher } from '../../../src/sandbox/ox/rate-limit.ts';
import { MAX_SESSIONS_PER_USER, SessionTable } from '../../../src/sandbox/ox/sessions.ts';
import type { OxUser } from '../../../src/sandbox/ox/sessions.ts';

describe('warnings as MW ResponseWriter writes them', () => {
  it('puts the first warning into the top-level error fields with category 13 next to data, and one warning as an object', () => {
    const json = successEnvelope({ id: 1 }, 42, [new OxError('SRV-0003')]) as unknown as Record<string, unknown>;
    expect(json).toMatchObject({ data: { id: 1 }, timestamp: 42, code: 'SRV-0003', category: 13, categories: 'WARNING', error_params: [] });
    expect(json.warnings).toMatchObject({ code: 'SRV-0003', category: 13, categories: 'WARNING' });
    expect(Array.isArray(json.warnings)).toBe(false);
  });

  it('writes several warnings as an array, keeps an existing error and leaves a warning-free answer alone', () => {
    const two = addWarnings({ data: 1 }, [new OxError('SRV-0003'), new OxError('SVL-0011', ['x'])]);
    expect(two.warnings).toHaveLength(2);
    expect((two.warnings as { categories: string }[]).map((w) => w.categories)).toEqual(['WARNING', 'WARNING']);
    expect(two.code).toBe('SRV-0003');
    const failed = addWarnings({ error: 'boom', code: 'MSG-1001' }, [new OxError('SRV-0003')]);
    expect(failed.code).toBe('MSG-1001');
    expect(successEnvelope([], undefined, [])).toEqual({ data: [] });
  });
});

describe('error codes from the MW enums', () => {
  it('raises the AjaxExceptionCodes, LoginExceptionCodes and SessionExceptionCodes numbers and texts', () => {
    expect(errorEnvelope(new OxError('SVL-0007', ['nosuch']))).toMatchObject({ code: 'SVL-0007', error_desc: 'Unknown module: nosuch.', categories: 'ERROR' });
    expect(errorEnvelope(new OxError('SVL-0021', ['x', 'mail']))).toMatchObject({ error_desc: 'Unknown AJAX action x in module mail.' });
    expect(errorEnvelope(new OxError('SVL-0010', ['limit', 'abc']))).toMatchObject({ error_desc: 'Invalid parameter "limit": abc' });
    expect(errorEnvelope(new OxError('SVL-0003'))).toMatchObject({ code: 'SVL-0003', error: 'Invalid cookie.', categories: 'TRY_AGAIN', category: 4 });
    expect(errorEnvelope(new OxError('LGI-0006'))).toMatchObject({ error: 'The user name or password is incorrect.', error_desc: 'Invalid credentials.', categories: 'USER_INPUT' });
    expect(errorEnvelope(new OxError('SES-0007', [3, 1]))).toMatchObject({ error_desc: 'Max. number of sessions exceeded for user 3 in context 1', categories: 'USER_INPUT' });
    const ip = errorEnvelope(new OxError('SES-0205', ['10.0.0.1', '10.0.0.2']));
    expect(ip).toMatchObject({ code: 'SES-0205', categories: 'PERMISSION_DENIED', error_params: ['10.0.0.1', '10.0.0.2'] });
    expect(ip.error_desc).toContain('Client login IP changed from 10.0.0.1 to 10.0.0.2');
  });

  it('raises the obsolete LGI-0015 alias under the real LGI-0005', () => {
    expect(new OxError('LGI-0015', ['down']).code).toBe('LGI-0005');
  });
});

describe('rate limiter after MW RateLimiter/Key/RateImpl', () => {
  const limiter = (max: number, windowMs: number, clock: { now: number }, lenient: string[] = []) =>
    new RateLimiter({ ...OX_RATE_LIMIT_DEFAULTS, maxRate: max, windowMs, lenientRemoteAddresses: lenient }, () => clock.now);

  it('allows maxRate requests per window per {address, User-Agent}, then 429 with Retry-After = window in seconds', () => {
    const clock = { now: 0 };
    const rl = limiter(3, 60_000, clock);
    for (let i = 0; i < 3; i++) expect(rl.check('/ajax/mail', '10.0.0.1', 'UA').limited).toBe(false);
    expect(rl.check('/ajax/mail', '10.0.0.1', 'UA')).toEqual({ limited: true, retryAfterSeconds: 60 });
    expect(rl.check('/ajax/mail', '10.0.0.1', 'Other UA').limited).toBe(false);
    expect(rl.check('/ajax/mail', '10.0.0.2', 'UA').limited).toBe(false);
  });

  it('counts refused calls too (recorded at their next free slot), and lets a client in once it has been quiet for a window', () => {
    const clock = { now: 0 };
    const rl = limiter(2, 1_000, clock);
    rl.check('/ajax/x', 'a', 'u');
    rl.check('/ajax/x', 'a', 'u');
    clock.now = 900;
    expect(rl.check('/ajax/x', 'a', 'u').limited).toBe(true);
    clock.now = 1_500; // the first two have left the window; the refused call still holds a slot
    expect(rl.check('/ajax/x', 'a', 'u').limited).toBe(false);
    expect(rl.check('/ajax/x', 'a', 'u').limited).toBe(true);
    clock.now = 10_000;
    expect(rl.check('/ajax/x', 'a', 'u').limited).toBe(false);
  });

  it('exempts the rt and system modules, OX lenient clients and lenient addresses (wildcards)', () => {
    const clock = { now: 0 };
    const rl = limiter(1, 60_000, clock, ['192.168.*']);
    rl.check('/ajax/mail', '1.2.3.4', 'UA');
    expect(rl.check('/ajax/mail', '1.2.3.4', 'UA').limited).toBe(true);
    expect(rl.check('/ajax/system', '1.2.3.4', 'UA').limited).toBe(false);
    expect(rl.check('/ajax/rt', '1.2.3.4', 'UA').limited).toBe(false);
    expect(rl.check('/ajax/mail', '1.2.3.4', 'Open-Xchange USM HTTP Client 7').limited).toBe(false);
    for (let i = 0; i < 5; i++) expect(rl.check('/ajax/mail', '192.168.7.9', 'UA').limited).toBe(false);
    expect(wildcardMatcher('a?c*').test('ABCdef')).toBe(true);
  });

  it('starts prepared (loopback lenient) and uses OX defaults 1500 per 300000 ms under the rate-limit fault', () => {
    expect(PREPARED_RATE_LIMIT.lenientRemoteAddresses).toContain('127.0.0.1');
    const state = new FaultState();
    for (let i = 0; i < 2000; i++) expect(state.limiter.check('/ajax/mail', '127.0.0.1', 'k6').limited).toBe(false);
    state.apply({ kind: 'rate-limit' });
    expect(state.limiter.settings).toMatchObject({ maxRate: 1500, windowMs: 300_000, lenientRemoteAddresses: [] });
    state.apply({ kind: 'rate-limit', maxRate: 1, windowMs: 1000 });
    state.limiter.check('/ajax/mail', '127.0.0.1', 'k6');
    expect(state.limiter.check('/ajax/mail', '127.0.0.1', 'k6').limited).toBe(true);
    state.clear();
    expect(state.limiter.check('/ajax/mail', '127.0.0.1', 'k6').limited).toBe(false);
  });
});

describe('per-user session cap (maxSessionPerUser)', () => {
  it('refuses the 101st session of one user with SES-0007 and admits one again after a logout', () => {
    const table = new SessionTable(60_000);
    const user = { contextId: 1, userId: 7 } as OxUser;
    const fields = { user, password: 'p', client: 'c', userAgent: 'u', hashA: 'a', hashB: 'b', jsessionId: '1.OX1', staySignedIn: false, clientIp: '1.1.1.1' };
    const first = table.create(fields);
    for (let i = 1; i < MAX_SESSIONS_PER_USER; i++) table.create(fields);
    expect(() => table.create(fields)).toThrow(expect.objectContaining({ code: 'SES-0007', params: ['7', '1'] }));
    expect(() => table.create({ ...fields, user: { contextId: 1, userId: 8 } as OxUser })).not.toThrow();
    table.delete(first.id);
    expect(() => table.create(fields)).not.toThrow();
  });
});

describe('new faults', () => {
  it('validates warnings, rate-limit, client-ip-changes and autologin specs', () => {
    expect(parseFaultSpec({ kind: 'warnings', rate: 1.5 })).toMatch(/rate/);
    expect(parseFaultSpec({ kind: 'warnings', rate: 0.5, module: 'mail' })).toEqual({ kind: 'warnings', rate: 0.5, module: 'mail' });
    expect(parseFaultSpec({ kind: 'rate-limit', maxRate: 0 })).toMatch(/maxRate/);
    expect(parseFaultSpec({ kind: 'rate-limit', windowMs: 500 })).toEqual({ kind: 'rate-limit', windowMs: 500 });
    expect(parseFaultSpec({ kind: 'autologin', enabled: 'yes' })).toMatch(/enabled/);
    expect(parseFaultSpec({ kind: 'client-ip-changes' })).toEqual({ kind: 'client-ip-changes' });
  });

  it('hands out another client address on every request while client-ip-changes is on', () => {
    const state = new FaultState();
    expect(state.clientAddress('127.0.0.1')).toBe('127.0.0.1');
    state.apply({ kind: 'client-ip-changes' });
    const a = state.clientAddress('127.0.0.1');
    expect(a).toMatch(/^10\.99\./);
    expect(state.clientAddress('127.0.0.1')).not.toBe(a);
    expect(state.list()).toContainEqual({ kind: 'client-ip-changes' });
    state.clear();
    expect(state.clientAddress('127.0.0.1')).toBe('127.0.0.1');
  });

  it('adds a warning only on the picked share of answers', () => {
    const state = new FaultState(() => 0.4);
    state.apply({ kind: 'warnings', rate: 0.5 });
    expect(state.warningFor('mail', 'all')?.code).toBe('SRV-0003');
    state.apply({ kind: 'warnings', rate: 0.3 });
    expect(state.warningFor('mail', 'all')).toBeUndefined();
  });

  it('parses the sandbox CLI forms of the new faults', () => {
    const o = { name: 'x' };
    expect(parseFault('rate-limit', [], { ...o, maxRate: '10', window: '2000' })).toEqual({ kind: 'node', fault: { kind: 'rate-limit', maxRate: 10, windowMs: 2000 } });
    expect(parseFault('rate-limit', [], o)).toEqual({ kind: 'node', fault: { kind: 'rate-limit' } });
    expect(parseFault('warnings', [], o)).toEqual({ kind: 'node', fault: { kind: 'warnings', rate: 1 } });
    expect(parseFault('warnings', [], { ...o, rate: '0.2', module: 'mail' })).toEqual({ kind: 'node', fault: { kind: 'warnings', rate: 0.2, module: 'mail' } });
    expect(parseFault('autologin', ['on'], o)).toEqual({ kind: 'node', fault: { kind: 'autologin', enabled: true } });
    expect(() => parseFault('autologin', ['maybe'], o)).toThrow(/on or off/);
    expect(parseFault('client-ip-changes', [], { ...o, route: 'OX2' })).toEqual({ kind: 'node', route: 'OX2', fault: { kind: 'client-ip-changes' } });
    expect(() => parseFault('rate-limit', [], { ...o, maxRate: '0' })).toThrow(/max-rate/);
  });
});
