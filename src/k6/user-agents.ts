/**
 * The browsers VUs pretend to be. OX derives the secret cookie's name from
 * User-Agent + client (MW HashCalculator) and keys its rate limiter on
 * {remote address, User-Agent} (MW RateLimiter / Key), so one User-Agent for
 * all VUs would be one client to the server. Each VU keeps one browser for
 * the whole run (a user's browser does not change between sessions), and the
 * VUs together follow the mix below.
 *
 * Weights: desktop browser shares (Chrome ≈ 65 %, Edge ≈ 13 %, Safari ≈ 9 %,
 * Firefox ≈ 7 %, rest folded in) crossed with desktop OS shares (Windows ≈ 70 %,
 * macOS ≈ 17 %, Linux ≈ 4 %), rounded, in per mille; App Suite is used from
 * desktops mostly. Versions: current stable releases at the time of writing
 * (Chrome/Edge 142, Firefox 145, Safari 26.1); Chromium browsers send the
 * frozen "reduced" User-Agent (minor versions 0.0.0, macOS 10_15_7). Bump the
 * versions when they become old: servers and proxies do look at them.
 */

export interface BrowserAgent {
  /** e.g. `chrome-windows`; for the report and tests, never sent. */
  id: string;
  userAgent: string;
  /** Share in per mille. */
  weight: number;
}

const CHROME = 'AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36';
const WINDOWS = 'Windows NT 10.0; Win64; x64';
const MAC = 'Macintosh; Intel Mac OS X 10_15_7';
const LINUX = 'X11; Linux x86_64';

export const BROWSER_AGENTS: readonly BrowserAgent[] = [
  { id: 'chrome-windows', weight: 480, userAgent: `Mozilla/5.0 (${WINDOWS}) ${CHROME}` },
  { id: 'chrome-macos', weight: 120, userAgent: `Mozilla/5.0 (${MAC}) ${CHROME}` },
  { id: 'chrome-linux', weight: 40, userAgent: `Mozilla/5.0 (${LINUX}) ${CHROME}` },
  { id: 'edge-windows', weight: 140, userAgent: `Mozilla/5.0 (${WINDOWS}) ${CHROME} Edg/142.0.0.0` },
  { id: 'safari-macos', weight: 100, userAgent: `Mozilla/5.0 (${MAC}) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.1 Safari/605.1.15` },
  { id: 'firefox-windows', weight: 70, userAgent: `Mozilla/5.0 (${WINDOWS}; rv:145.0) Gecko/20100101 Firefox/145.0` },
  { id: 'firefox-macos', weight: 25, userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:145.0) Gecko/20100101 Firefox/145.0' },
  { id: 'firefox-linux', weight: 25, userAgent: `Mozilla/5.0 (${LINUX}; rv:145.0) Gecko/20100101 Firefox/145.0` },
];

const TOTAL_WEIGHT = BROWSER_AGENTS.reduce((sum, agent) => sum + agent.weight, 0);
/** Fractional part of the golden ratio: VU n sits at n·φ mod 1, so even a few VUs spread over the mix. */
const GOLDEN = 0.6180339887498949;

/**
 * The browser of the n-th VU (1-based), deterministic so runs are comparable;
 * a low-discrepancy walk over the cumulative weights instead of Math.random().
 */
export function browserForVu(vu: number): BrowserAgent {
  const point = ((vu * GOLDEN) % 1) * TOTAL_WEIGHT;
  let upTo = 0;
  for (const agent of BROWSER_AGENTS) {
    upTo += agent.weight;
    if (point < upTo) return agent;
  }
  return BROWSER_AGENTS[BROWSER_AGENTS.length - 1] as BrowserAgent;
}
