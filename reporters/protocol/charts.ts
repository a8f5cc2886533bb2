/**
 * Charts as inline SVG, rendered server-side by ECharts (ssr: true, no DOM).
 * ECharts numbers its element ids and classes with process-wide counters, so
 * the same chart rendered twice differs; renumbering every id token in order
 * of appearance under a caller-given prefix makes the SVG a pure function of
 * its input and keeps ids unique when many charts share one HTML page.
 */
import * as echarts from 'echarts';

export const CHART_WIDTH = 680;
export const CHART_HEIGHT = 220;

export interface LineSeries {
  name: string;
  points: [number, number][];
  /** Draw as a step line (VUs) rather than a straight line. */
  step?: boolean;
  area?: boolean;
}

export interface LineChartSpec {
  title: string;
  xName: string;
  yName: string;
  series: LineSeries[];
  /** A horizontal reference line, e.g. the SLO threshold. */
  markLine?: { label: string; value: number };
  /** Vertical reference lines at x values (e.g. the capacity knee and the first failing level). */
  xMarkLines?: { label: string; value: number }[];
  /** Category labels instead of a numeric x axis (history across runs). */
  categories?: string[];
}

const PALETTE = ['#1f5fa8', '#c2410c', '#15803d', '#7c3aed', '#b91c1c', '#0f766e', '#a16207', '#475569'];

function normaliseIds(svg: string, prefix: string): string {
  const seen = new Map<string, string>();
  return svg.replace(/zr\d+-[a-z]+-?\d+/g, (token) => {
    let replacement = seen.get(token);
    if (replacement === undefined) {
      replacement = `${prefix}-${seen.size}`;
      seen.set(token, replacement);
    }
    return replacement;
  });
}

function renderOption(option: echarts.EChartsCoreOption, idPrefix: string, height = CHART_HEIGHT): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: CHART_WIDTH, height });
  try {
    chart.setOption({ animation: false, color: PALETTE, textStyle: { fontFamily: 'DejaVu Sans, Arial, sans-serif' }, ...option });
    return normaliseIds(chart.renderToSVGString(), idPrefix);
  } finally {
    chart.dispose();
  }
}

export function lineChartSvg(spec: LineChartSpec, idPrefix: string): string {
  const categorical = spec.categories !== undefined;
  return renderOption(
    {
      title: { text: spec.title, left: 'center', textStyle: { fontSize: 13, fontWeight: 'bold' } },
      legend: spec.series.length > 1 ? { bottom: 0, textStyle: { fontSize: 10 } } : undefined,
      grid: { left: 64, right: 24, top: 36, bottom: spec.series.length > 1 ? 56 : 40 },
      xAxis: categorical
        ? { type: 'category', data: spec.categories, name: spec.xName, nameLocation: 'middle', nameGap: 24, axisLabel: { fontSize: 9 } }
        : { type: 'value', name: spec.xName, nameLocation: 'middle', nameGap: 24 },
      yAxis: { type: 'value', name: spec.yName, nameLocation: 'middle', nameGap: 48 },
      series: spec.series.map((s, i) => ({
        type: 'line',
        name: s.name,
        data: categorical ? s.points.map((p) => p[1]) : s.points,
        step: s.step ? 'end' : false,
        showSymbol: categorical,
        areaStyle: s.area ? { opacity: 0.15 } : undefined,
        lineStyle: { width: 1.5 },
        markLine: i === 0 ? markLines(spec) : undefined,
      })),
    },
    idPrefix,
  );
}

function markLines(spec: LineChartSpec): Record<string, unknown> | undefined {
  const data: Record<string, unknown>[] = [];
  if (spec.markLine) data.push({ yAxis: spec.markLine.value, name: spec.markLine.label, label: { formatter: spec.markLine.label, fontSize: 9 }, lineStyle: { color: '#b91c1c', type: 'dashed' } });
  for (const x of spec.xMarkLines ?? []) data.push({ xAxis: x.value, name: x.label, label: { formatter: x.label, fontSize: 9, position: 'end' }, lineStyle: { color: '#475569', type: 'dotted' } });
  if (data.length === 0) return undefined;
  return { symbol: 'none', silent: true, data };
}

export interface BarChartSpec {
  title: string;
  yName: string;
  categories: string[];
  values: number[];
}

export function barChartSvg(spec: BarChartSpec, idPrefix: string): string {
  return renderOption(
    {
      title: { text: spec.title, left: 'center', textStyle: { fontSize: 13, fontWeight: 'bold' } },
      grid: { left: 64, right: 24, top: 36, bottom: 40 },
      xAxis: { type: 'category', data: spec.categories },
      yAxis: { type: 'value', name: spec.yName, nameLocation: 'middle', nameGap: 48 },
      series: [{ type: 'bar', data: spec.values, barMaxWidth: 48, label: { show: true, position: 'top', fontSize: 10 } }],
    },
    idPrefix,
  );
}
