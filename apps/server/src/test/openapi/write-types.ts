/**
 * `npm run openapi:types`: regenerate api.d.ts (the typed client the contract test drives) after changing routes.
 */
import { writeFileSync } from 'node:fs';
import { fetchOpenApi, generateApiTypes } from './generate.ts';

const target = new URL('./api.d.ts', import.meta.url);
writeFileSync(target, await generateApiTypes(await fetchOpenApi()));
console.log(`wrote ${target.pathname}`);
