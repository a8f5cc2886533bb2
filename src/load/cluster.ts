/**
 * Session balance over the cluster's nodes: sessions per JSESSIONID route
 * against an even split. A configured route without sessions counts as a
 * deviation of 100 %: that node is down or the balancer never picks it.
 */

/** Sessions whose JSESSIONID carried no route (src/k6 tags them `none`). */
export const NO_ROUTE = 'none';

export interface Balance {
  /** The routes the split is judged over: the configured ones, else those seen. */
  routes: string[];
  sessions: number;
  /** Per judged route: sessions and relative deviation from the even share. */
  byRoute: { route: string; sessions: number; deviation: number }[];
  /** Sessions on routes outside `routes` (including NO_ROUTE). */
  unexpected: Record<string, number>;
  maxDeviation: number;
}

export function balanceOf(sessionsByRoute: Readonly<Record<string, number>>, configuredRoutes?: readonly string[]): Balance {
  const routes = configuredRoutes && configuredRoutes.length > 0 ? [...configuredRoutes] : Object.keys(sessionsByRoute).filter((r) => r !== NO_ROUTE).sort();
  const judged = routes.map((route) => ({ route, sessions: sessionsByRoute[route] ?? 0 }));
  const sessions = judged.reduce((sum, r) => sum + r.sessions, 0);
  const even = sessions / Math.max(routes.length, 1);
  const byRoute = judged.map((r) => ({ ...r, deviation: even > 0 ? Math.abs(r.sessions - even) / even : 1 }));
  const unexpected = Object.fromEntries(Object.entries(sessionsByRoute).filter(([route, n]) => !routes.includes(route) && n > 0));
  const maxDeviation = byRoute.length === 0 ? 0 : Math.max(...byRoute.map((r) => r.deviation));
  return { routes, sessions, byRoute, unexpected, maxDeviation: Math.round(maxDeviation * 10_000) / 10_000 };
}
