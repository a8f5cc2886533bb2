/**
 * A minimal OX HTTP session for the balancer tests: form login, cookies sent
 * back by hand, the route read from the JSESSIONID suffix. (The full client
 * for the harness lives in src/probes; this keeps the sandbox tests standalone.)
 */
const USER_AGENT = 'signoff-sandbox-test';

export interface OxTestSession {
  session: string;
  route: string;
  cookies: Map<string, string>;
}

function absorb(cookies: Map<string, string>, response: Response): void {
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const eq = (pair ?? '').indexOf('=');
    if (eq > 0) cookies.set((pair as string).slice(0, eq).trim(), (pair as string).slice(eq + 1).trim());
  }
}

function cookieHeader(cookies: Map<string, string>): string {
  return [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
}

export async function login(baseUrl: string, name: string, password: string): Promise<OxTestSession> {
  const cookies = new Map<string, string>();
  const response = await fetch(`${baseUrl}/ajax/login?action=login`, {
    method: 'POST',
    headers: { 'user-agent': USER_AGENT, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ name, password, client: 'signoff-test' }),
  });
  absorb(cookies, response);
  const body = (await response.json()) as { session?: string; error?: string };
  if (!body.session) throw new Error(`login ${name} via ${baseUrl}: HTTP ${response.status} ${JSON.stringify(body)}`);
  const jsession = cookies.get('JSESSIONID') ?? '';
  return { session: body.session, route: jsession.slice(jsession.indexOf('.') + 1), cookies };
}

/** GET a session-bound API path; returns HTTP status and the parsed envelope. */
export async function call(baseUrl: string, s: OxTestSession, path: string): Promise<{ status: number; body: { data?: unknown; error?: string; code?: string } }> {
  const sep = path.includes('?') ? '&' : '?';
  const response = await fetch(`${baseUrl}/ajax/${path}${sep}session=${encodeURIComponent(s.session)}`, {
    headers: { 'user-agent': USER_AGENT, cookie: cookieHeader(s.cookies) },
  });
  const text = await response.text();
  let body: { data?: unknown; error?: string; code?: string } = {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    body = { error: text.slice(0, 200) };
  }
  return { status: response.status, body };
}
