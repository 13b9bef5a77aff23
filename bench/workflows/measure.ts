import { cpuBetween, cpuSnapshot, type CpuSnapshot, type CpuUse } from '../cpu.ts';
import type { Api } from '../http.ts';
import { runLoad, type Caller, type LoadResult } from '../load.ts';
import type { RawInsertResult } from '../raw-insert.ts';
import type { Births } from './births.ts';
import { settings } from './settings.ts';

/** One server measured: Lifeline on a database, or the ceiling. */
export interface Run {
  /** `pglite`, `postgres` or `ceiling`. */
  name: 'pglite' | 'postgres' | 'ceiling';
  details: Record<string, unknown>;
  load: LoadResult;
  cpu: CpuUse | null;
  raw: RawInsertResult | null;
  registeredInDatabase: number;
  serverExitCode: number | null;
  serverOutput: string[];
  refreshErrors: string[];
  births: ReturnType<Births['distinct']>;
}

/** Run the load against a started server, with the CPU of server, its backends and the client over the window. */
export async function measure(
  api: Api,
  options: {
    serverPid: number;
    agent: Caller;
    registrar: Caller;
    births: Births;
    detectsDuplicates: boolean;
    backendPids: () => Promise<number[]>;
  },
): Promise<{ load: LoadResult; cpu: CpuUse | null }> {
  let before: Promise<CpuSnapshot> | undefined;
  let after: Promise<CpuUse> | undefined;
  const snapshot = async () => cpuSnapshot(options.serverPid, await options.backendPids());
  console.log(
    `  ${settings.warmupSeconds} s warm-up, then ${settings.seconds} s measured, ${settings.concurrency} users`,
  );
  const load = await runLoad(api, {
    concurrency: settings.concurrency,
    warmupSeconds: settings.warmupSeconds,
    seconds: settings.seconds,
    agent: options.agent,
    registrar: options.registrar,
    births: options.births,
    detectsDuplicates: options.detectsDuplicates,
    onWindow: (edge) => {
      if (edge === 'start') before = snapshot();
      else if (before) after = Promise.all([before, snapshot()]).then(([a, b]) => cpuBetween(a, b));
    },
  });
  const cpu = after ? await after.catch(() => null) : null;
  return { load, cpu };
}
