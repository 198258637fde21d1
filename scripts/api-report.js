// API reports: runs API Extractor over every `packages/*/api-extractor*.json` (one per entry
// point), in one process, against the built declarations (`pnpm tsc -b` first).
//   node scripts/api-report.js           check: fails if a report differs from the committed one
//   node scripts/api-report.js --update  rewrites the reports (commit them with the change)
// API Extractor (7.60 bundles TypeScript 6.0) is used rather than a hand-rolled diff of the
// .d.ts files: it resolves re-exports, reports forgotten exports and is the common tool.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { Extractor, ExtractorConfig } = require('@microsoft/api-extractor');

const root = path.resolve(__dirname, '..');
const update = process.argv.includes('--update');
const packages = path.join(root, 'packages');
const configs = fs
  .readdirSync(packages)
  .flatMap((p) =>
    fs
      .readdirSync(path.join(packages, p))
      .filter((f) => /^api-extractor(\.[a-z-]+)?\.json$/.test(f))
      .map((f) => path.join(packages, p, f)),
  )
  .sort();

let failed = 0;
for (const file of configs) {
  const config = ExtractorConfig.loadFileAndPrepare(file);
  if (update) fs.mkdirSync(config.reportFolder, { recursive: true });
  const result = Extractor.invoke(config, {
    localBuild: update,
    showVerboseMessages: false,
    messageCallback: (m) => {
      // Per-message output would repeat what the report records; keep errors and changes.
      if (m.logLevel !== 'error' && m.messageId !== 'console-api-report-changed') m.handled = true;
    },
  });
  const name = path.relative(root, file);
  if (!result.succeeded) {
    failed++;
    const why = result.apiReportChanged ? 'the public API differs from its report' : 'failed';
    console.error(`${name}: ${why} (${result.errorCount} errors)`);
  } else {
    console.log(`${name}: ${result.apiReportChanged ? 'report updated' : 'ok'}`);
  }
}
if (failed > 0) {
  console.error(
    `\n${failed} API report(s) failed. If a change of the public API is deliberate, run \`pnpm api:update\` and commit the reports.`,
  );
  process.exitCode = 1;
}
