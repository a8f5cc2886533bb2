/**
 * The cluster check "every node stayed healthy during load": one criterion per
 * node; a node that answered /health with anything but UP, or did not answer,
 * fails it, and the criterion names the node, the time and what it said.
 */
import type { CheckResult, Criterion } from '../model/types.ts';
import type { HealthIncident, NodeSeries } from './types.ts';

export interface HealthCheckOptions {
  /** Default `cluster.health`. */
  id?: string;
  requirementIds?: string[];
  /** What the load was, for the title (e.g. the scenario). */
  during?: string;
}

export function healthCheck(nodes: readonly NodeSeries[], incidents: readonly HealthIncident[], options: HealthCheckOptions & { durationMs?: number } = {}): CheckResult {
  const criteria: Criterion[] = nodes.map((node) => {
    const own = incidents.filter((i) => i.route === node.route);
    const { scrapes, healthyScrapes } = node.summary;
    const first = own[0];
    return {
      name: `${node.route} health`,
      expected: 'UP at every scrape',
      measured: first
        ? `${first.health === 'unreachable' ? 'unreachable' : first.health} at ${first.at} (${first.detail}); UP in ${healthyScrapes} of ${scrapes} scrapes`
        : `UP in ${healthyScrapes} of ${scrapes} scrapes`,
      passed: scrapes > 0 && healthyScrapes === scrapes,
    };
  });
  const failed = criteria.filter((c) => !c.passed);
  return {
    id: options.id ?? 'cluster.health',
    title: `every node stayed healthy during ${options.during ?? 'load'}`,
    family: 'cluster',
    status: nodes.length === 0 ? 'skipped' : failed.length === 0 ? 'passed' : 'failed',
    requirementIds: options.requirementIds ?? [],
    criteria,
    evidence: [],
    durationMs: options.durationMs ?? 0,
  };
}
