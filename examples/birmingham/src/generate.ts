/** Writes examples/birmingham/commands.ndjson from the typed journey (`pnpm --filter @assure/example-birmingham generate`). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildJourney } from './journey';
import { toNdjson } from './script';

const out = join(__dirname, '..', 'commands.ndjson');
const lines = buildJourney();
writeFileSync(out, toNdjson(lines));
console.log(`wrote ${lines.length} commands to ${out}`);
