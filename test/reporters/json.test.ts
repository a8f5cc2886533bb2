import { describe, expect, it } from 'vitest';
import { JsonReporter, renderJson } from '../../reporters/json.ts';
import { exampleReport } from '../model/example-report.ts';

describe('json reporter', () => {
  it('renders the same report to identical bytes, whatever order its keys were built in', () => {
    const reordered = Object.fromEntries(Object.entries(exampleReport()).reverse()) as ReturnType<typeof exampleReport>;
    expect(renderJson(reordered)).toBe(renderJson(exampleReport()));
  });

  it('round-trips: report.json parses back to the report', () => {
    expect(JSON.parse(renderJson(exampleReport()))).toEqual(exampleReport());
  });

  it('hands report.json to the runner instead of writing it', () => {
    const files = new JsonReporter().onRunEnd(exampleReport());
    expect(files.map((f) => f.path)).toEqual(['report.json']);
  });
});
