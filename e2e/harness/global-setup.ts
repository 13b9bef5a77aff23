import type { TestProject } from 'vitest/node';
import { startServer } from './server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    firstAdmin: { username: string; password: string };
  }
}

/** One server for every journey: starting a fresh database takes most of a minute. */
export default async function setup(project: TestProject) {
  const server = await startServer();
  project.provide('baseUrl', server.url);
  project.provide('firstAdmin', server.firstAdmin!);
  return () => server.stop();
}
