import type { Cluster } from '@bokujo/testenv';
import type { BokujoServer } from './environment.ts';
import type { HttpClient } from './http.ts';
import type { BenchOptions, ScenarioName } from './options.ts';
import type { Figure } from './report.ts';
import type { SeededPods } from './seed.ts';

/** What every scenario gets: the running cluster and server, and where its results go. */
export interface BenchContext {
  options: BenchOptions;
  cluster: Cluster;
  /** The apiserver as its admin, with room for many requests at once. */
  kube: HttpClient;
  server: BokujoServer;
  token: string;
  /** Bokujo's API with the bench's token. */
  api: HttpClient;
  clusterId: string;
  /** Set once the list (or browser) scenario has made its pods. */
  seeded?: SeededPods;
  figures: Figure[];
  /** Raw figures per scenario for results/latest.json. */
  details: Partial<Record<ScenarioName, Record<string, unknown>>>;
  /** Scenarios that could not run, and why. */
  skipped: { scenario: ScenarioName; reason: string }[];
}

/** Thrown when a piece a scenario measures is not there yet (e.g. an endpoint still being built). */
export class MissingPieceError extends Error {
  override name = 'MissingPieceError';
}
