import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';
import { startTestRuntime } from '../harness.ts';

/** The API's OpenAPI document, as a running server serves it. */
export async function fetchOpenApi(): Promise<Record<string, unknown>> {
  const runtime = await startTestRuntime();
  try {
    return (await runtime.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  } finally {
    await runtime.close();
  }
}

/** TypeScript types of the API, generated from its document by openapi-typescript (an independent generator). */
export async function generateApiTypes(document: Record<string, unknown>): Promise<string> {
  const ast = await openapiTS(structuredClone(document) as never);
  return COMMENT_HEADER + astToString(ast);
}
