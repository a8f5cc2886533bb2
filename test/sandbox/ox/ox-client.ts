/** A minimal OX HTTP client for the tests: one cookie jar, a fixed User-Agent, JSON envelopes. */
export interface OxResponse {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

export class TestClient {
  readonly baseUrl: string;
  readonly cookies = new Map<string, string>();
  userAgent = 'signoff-test/1.0';
  session = '';

  constructor(baseUrl: string) {
    this.baseUrl = baseUrl;
  }

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(method: string, path: string, options: { body?: string | FormData; contentType?: string; withSession?: boolean } = {}): Promise<OxResponse> {
    let url = `${this.baseUrl}${path}`;
    if (options.withSession !== false && this.session) url += `${url.includes('?') ? '&' : '?'}session=${this.session}`;
    const headers: Record<string, string> = { 'user-agent': this.userAgent, cookie: this.cookieHeader() };
    if (options.contentType) headers['content-type'] = options.contentType;
    const res = await fetch(url, { method, headers, ...(options.body === undefined ? {} : { body: options.body }) });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (/Expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, text, json };
  }

  async login(name: string, password: string, query = 'client=open-xchange-appsuite'): Promise<OxResponse> {
    const res = await this.request('POST', `/ajax/login?action=login&${query}`, {
      body: new URLSearchParams({ name, password }).toString(),
      contentType: 'application/x-www-form-urlencoded; charset=UTF-8',
      withSession: false,
    });
    const session = (res.json as { session?: string } | undefined)?.session;
    if (session) this.session = session;
    return res;
  }

  get(path: string): Promise<OxResponse> {
    return this.request('GET', path);
  }

  put(path: string, body: unknown): Promise<OxResponse> {
    return this.request('PUT', path, { body: JSON.stringify(body), contentType: 'application/json' });
  }

  async upload(path: string, form: FormData): Promise<OxResponse> {
    return this.request('POST', path, { body: form });
  }
}

/** The JSON inside an OX upload callback page. */
export function callbackJson(html: string): unknown {
  const m = /\((\{.*\})\)/s.exec(html);
  return m ? JSON.parse(m[1]!) : undefined;
}
