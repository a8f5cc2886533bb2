/**
 * The RunPlan: what `resolveConfig()` makes of config + suite + CLI overrides.
 * Plain data, ordered; the runner turns each task spec into a task module.
 */
import type { Config, TargetConfig } from './config.ts';
import type { CustomCheck, LoadItem, Suite } from './suite.ts';
import type { LoadProfile, Slo } from './load.ts';
import type { Requirement } from '../model/types.ts';

/** Where the run goes: a configured deployment, or the built-in sandbox. */
export type TargetRef =
  | { kind: 'remote'; name: string; config: TargetConfig }
  /** `start`: started for this run and stopped after; otherwise `sandbox:<name>` is already running. */
  | { kind: 'sandbox'; name: string; sandboxName: string | undefined; start: boolean };

export interface SandboxTaskSpec {
  kind: 'sandbox';
  id: 'sandbox';
  title: string;
  sandboxName: string | undefined;
  start: boolean;
}

export interface LoadTaskSpec {
  kind: 'load';
  id: string; // "load.<item id>"
  title: string;
  item: LoadItem;
  scenarioFile: string; // absolute
  profileName: string;
  profile: LoadProfile;
  slos: Slo[];
}

export interface CustomTaskSpec {
  kind: 'custom';
  id: string; // "custom.<check id>"
  title: string;
  check: CustomCheck;
}

export type TaskSpec = SandboxTaskSpec | LoadTaskSpec | CustomTaskSpec;

export interface RunPlan {
  /** Folder the relative paths of the config are resolved against. */
  projectDir: string;
  configFile: string | undefined;
  suiteFile: string;
  config: Config;
  suite: Suite;
  target: TargetRef;
  requirements: Requirement[];
  tasks: TaskSpec[];
  deadlineMs: number;
}
