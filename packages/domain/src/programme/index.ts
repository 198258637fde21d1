/**
 * The Programme aggregate: a council improvement programme, its priority areas, oversight bodies, meetings, progress reports and criterion assessments.
 * `commands.ts` and `events.ts` hold the codecs, `state.ts` the folded state and its
 * evolve, `decide.ts` the rules.
 */
export * from './commands';
export * from './events';
export {
  initialProgrammeState,
  evolveProgramme,
  type AreaState,
  type BodyState,
  type MeetingState,
  type StocktakeState,
  type EstablishedProgramme,
  type ProgrammeState,
} from './state';
export { decideProgramme, programmeDecider, type ProgrammeCommand } from './decide';
export type { ProgrammeFacts } from './outputs';
