export { buildJourney, PROGRAMME_ID } from './journey';
export { createScript, toNdjson } from './script';
export type { LineMeta, LineOptions, Issue, Script, ScriptLine } from './script';

/** The golden as-at days of the example (status, tracker and risks are committed for each). */
export const GOLDEN_DAYS = ['2015-01-31', '2018-06-30', '2019-03-31', '2019-10-31'] as const;
