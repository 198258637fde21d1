import { createMemoryStore } from '@assure/event-store';
import { runHandlerRace } from '@assure/testing';

/** Handlers racing on shared streams: no lost update, no broken chain, each success once. */
export async function raceTheHandler() {
  const store = createMemoryStore({ yieldOnAppend: true }); // real interleaving
  const report = await runHandlerRace(store, { handlers: 4, commandsPerHandler: 50, streams: 3 });
  if (report.problems.length > 0) throw new Error(report.problems.join('\n'));
  return report; // { commands, succeeded, conflicted, problems: [] }
}
