import { randomUUID } from 'node:crypto';
import type { Api, Reply } from './http.ts';
import type { Birth, Births } from './workflows/births.ts';

export const STEPS = ['create', 'declare', 'validate', 'register'] as const;
export type Step = (typeof STEPS)[number];

export interface LoadOptions {
  concurrency: number;
  warmupSeconds: number;
  seconds: number;
  agent: Caller;
  registrar: Caller;
  births: Births;
  /** The ceiling server detects no duplicates: its replies are not checked for the flag. */
  detectsDuplicates: boolean;
  /** Called when the measured window opens and closes (CPU snapshots). */
  onWindow?: (edge: 'start' | 'end') => void;
}

/** Who sends a request: a logged-in session (its token refreshed), or nobody in particular (the ceiling). */
export interface Caller {
  readonly accessToken: string | undefined;
}

export interface Failure {
  phase: 'warm-up' | 'measured' | 'drain';
  step: Step;
  status: number;
  message: string;
}

export interface LoadResult {
  /** Latencies (ms) of the successful write requests that completed inside the measured window, per step. */
  samples: Record<Step, number[]>;
  /** Workflows whose last request (REGISTER) completed inside the measured window. */
  workflowsInWindow: number;
  /** Workflows completed in each successive slice of the window (throughput over time; the database grows). */
  timeline: { sliceSeconds: number; workflows: number[] };
  /** Every workflow completed (warm-up, window and drain): each must be a REGISTERED record in the database. */
  workflowsCompleted: number;
  requests: { total: number; inWindow: number };
  failures: { total: number; inWindow: number; byKind: Record<string, number>; samples: Failure[] };
  /** True duplicates declared (all phases), and how many of them came back flagged. */
  duplicates: { declared: number; caught: number };
  windowSeconds: number;
}

type Check = (json: unknown) => string | null;

const doc = (json: unknown) => (json ?? {}) as { id?: string; status?: string; flags?: string[] };
export const flagged = (json: unknown) => doc(json).flags?.includes('potential-duplicate') ?? false;
const CHECKS: Record<Step, Check> = {
  create: (j) => (doc(j).status === 'CREATED' && doc(j).id ? null : 'expected a CREATED record with an id'),
  declare: (j) => (doc(j).status !== 'DECLARED' ? `expected DECLARED, got ${doc(j).status}` : null),
  validate: (j) => (doc(j).flags?.includes('validated') ? null : `expected the validated flag`),
  register: (j) => (doc(j).status === 'REGISTERED' ? null : `expected REGISTERED, got ${doc(j).status}`),
};

/** DECLARE's answer: DECLARED; an original must not be flagged (a duplicate's flag is counted, not required). */
function declareCheck(birth: Birth, detectsDuplicates: boolean): Check {
  return (json) =>
    CHECKS.declare(json) ??
    (detectsDuplicates && !birth.duplicateOf && flagged(json)
      ? `an original flagged as a potential duplicate: ${JSON.stringify(birth.declaration['child.name'])}`
      : null);
}

/** Four slices, or one per half minute in longer runs (the soak: throughput must stay flat as the register grows). */
const timelineSlices = (seconds: number) => Math.max(4, Math.round(seconds / 30));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * `concurrency` simulated users, each running complete birth workflows back to back over HTTP: create and
 * declare (agent), validate (agent), register (registrar). Warm-up first (not measured), then the measured
 * window; requests count in the window when they complete inside it. In-flight workflows finish after it
 * (drain) and their failures are counted too.
 */
export async function runLoad(api: Api, options: LoadOptions): Promise<LoadResult> {
  const { concurrency, agent, registrar, births, detectsDuplicates } = options;
  const started = performance.now();
  const windowStart = started + options.warmupSeconds * 1000;
  const windowEnd = windowStart + options.seconds * 1000;
  const SLICES = timelineSlices(options.seconds);
  const samples: Record<Step, number[]> = { create: [], declare: [], validate: [], register: [] };
  const result: LoadResult = {
    samples,
    workflowsInWindow: 0,
    timeline: { sliceSeconds: options.seconds / SLICES, workflows: Array(SLICES).fill(0) },
    workflowsCompleted: 0,
    requests: { total: 0, inWindow: 0 },
    failures: { total: 0, inWindow: 0, byKind: {}, samples: [] },
    duplicates: { declared: 0, caught: 0 },
    windowSeconds: options.seconds,
  };

  const edges: NodeJS.Timeout[] = [];
  if (options.onWindow) {
    const onWindow = options.onWindow;
    edges.push(setTimeout(() => onWindow('start'), windowStart - started));
    edges.push(setTimeout(() => onWindow('end'), windowEnd - started));
  }

  /** One write request, timed; returns the parsed body, or null after recording a failure. */
  const write = async (
    step: Step,
    path: string,
    body: unknown,
    session: Caller,
    check: Check = CHECKS[step],
  ): Promise<unknown> => {
    const t0 = performance.now();
    let reply: Reply | undefined;
    let problem: string | null;
    try {
      reply = await api.post(path, body, session.accessToken);
      if (reply.status < 200 || reply.status > 299) problem = reply.text.slice(0, 300);
      else problem = check(reply.json);
    } catch (error) {
      problem = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    }
    const t1 = performance.now();
    const inWindow = t1 >= windowStart && t1 <= windowEnd;
    result.requests.total++;
    if (inWindow) result.requests.inWindow++;
    if (problem === null) {
      if (inWindow) samples[step].push(t1 - t0);
      return reply?.json;
    }
    const status = reply?.status ?? 0;
    result.failures.total++;
    if (inWindow) result.failures.inWindow++;
    const kind = `${step} ${status || 'network error'}`;
    result.failures.byKind[kind] = (result.failures.byKind[kind] ?? 0) + 1;
    if (result.failures.samples.length < 10) {
      const phase = t1 < windowStart ? 'warm-up' : inWindow ? 'measured' : 'drain';
      result.failures.samples.push({ phase, step, status, message: problem });
    }
    return null;
  };

  const workflow = async (): Promise<boolean> => {
    const created = await write('create', '/api/events', { type: 'birth', transactionId: randomUUID() }, agent);
    if (!created) return false;
    const action = `/api/events/${(created as { id: string }).id}/actions`;
    const birth = births.next();
    const { declaration } = birth;
    const declared = await write(
      'declare',
      `${action}/DECLARE`,
      { transactionId: randomUUID(), declaration },
      agent,
      declareCheck(birth, detectsDuplicates),
    );
    if (!declared) return false;
    if (birth.duplicateOf) {
      // A true duplicate stops at DECLARE, flagged, until a reviewer decides (the ceiling's too, for the same mix).
      result.duplicates.declared++;
      if (flagged(declared)) result.duplicates.caught++;
      return true;
    }
    if (!(await write('validate', `${action}/VALIDATE`, { transactionId: randomUUID() }, agent))) return false;
    if (!(await write('register', `${action}/REGISTER`, { transactionId: randomUUID() }, registrar))) return false;
    births.registered(birth);
    const t = performance.now();
    result.workflowsCompleted++;
    if (t >= windowStart && t <= windowEnd) {
      result.workflowsInWindow++;
      const slice = Math.min(SLICES - 1, Math.floor((t - windowStart) / (result.timeline.sliceSeconds * 1000)));
      result.timeline.workflows[slice]++;
    }
    return true;
  };

  const user = async () => {
    while (performance.now() < windowEnd) {
      // After a failure, pause briefly so a dead server does not turn into a busy loop.
      if (!(await workflow())) await sleep(10);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, user));
  for (const t of edges) clearTimeout(t);
  return result;
}
