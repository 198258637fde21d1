/**
 * An app with misspellings, for the packed-install test: it strips the `@ts-expect-error`
 * lines and expects the compile against the installed packages to fail on each one, the
 * error naming the field or type. (In the workspace, the `@ts-expect-error` lines keep it
 * compiling, and fail the typecheck if a misspelling stops being an error.)
 */
import { commands, type AnyCommandInput, type Command } from '@assure/domain';
import type { CommandHandler } from '@assure/event-store';

export const built = commands.rescoreRisk({
  riskId: 'equal-pay',
  // @ts-expect-error a misspelt field of a builder
  likelihod: 3,
  impact: 4,
  rationale: 'Settlement agreed',
});

export const send = (handler: CommandHandler<{ readonly _tag: string }, Command>) =>
  handler.handle(
    {
      type: 'CloseRisk',
      data: {
        riskId: 'equal-pay',
        // @ts-expect-error a misspelt field of a command given to the handler
        resaon: 'Settled',
      },
    },
    { actor: 'officer-cfo', role: 'officer' },
  );

export const written: AnyCommandInput = {
  type: 'RescoreRisk',
  data: {
    riskId: 'equal-pay',
    likelihood: 3,
    impact: 4,
    // @ts-expect-error a misspelt field of a command written as `{type, data}`
    rationle: 'Settlement agreed',
  },
};

export const wrongType: AnyCommandInput = {
  // @ts-expect-error a misspelt command type
  type: 'RescoreRsk',
  data: { riskId: 'equal-pay', reason: 'Settled' },
};
