import * as E from 'fp-ts/Either';
import {
  commands,
  commandTypes,
  buildCommand,
  domainModel,
  type AnyCommandInput,
  type CommandInput,
  type Unbranded,
  type Id,
  type Level,
} from '@assure/domain';

const rescore = {
  riskId: 'equal-pay',
  likelihood: 3,
  impact: 4,
  rationale: 'Settlement agreed',
};

/** Runs a builder, expects ValidationFailed, returns its field errors. */
const failure = <A>(r: E.Either<{ readonly errors: readonly unknown[] }, A>) => {
  if (E.isRight(r)) throw new Error(`expected ValidationFailed, got ${JSON.stringify(r.right)}`);
  return r.left.errors;
};

describe('commands: one typed builder per command type', () => {
  test('there is a camelCase builder for every command type, and nothing else', () => {
    const expected = commandTypes.map((t) => t.charAt(0).toLowerCase() + t.slice(1));
    expect(Object.keys(commands).sort()).toEqual([...expected].sort());
    expect(Object.keys(commands)).toHaveLength(commandTypes.length);
  });

  test('a builder returns the decoded command, equal to what the handler decodes', () => {
    const built = commands.rescoreRisk(rescore);
    expect(built).toEqual(E.right({ type: 'RescoreRisk', data: rescore }));
    expect(built).toEqual(domainModel.decodeCommand({ type: 'RescoreRisk', data: rescore }));
    expect(buildCommand('RescoreRisk', rescore)).toEqual(built);
  });

  test('what the type cannot say is checked at run time, naming the field', () => {
    expect(
      failure(commands.rescoreRisk({ ...rescore, riskId: 'Equal Pay', likelihood: 9 })),
    ).toEqual([
      { path: 'data.riskId', message: expect.stringMatching(/expected an id/) },
      { path: 'data.likelihood', message: 'expected an integer from 1 to 5' },
    ]);
  });

  test('a field the type forbids, passed through an untyped value, is refused', () => {
    const untyped: unknown = { ...rescore, likelihod: 3 };
    const r = buildCommand('RescoreRisk', untyped as CommandInput<'RescoreRisk'>);
    expect(failure(r)).toEqual([
      { path: 'data.likelihod', message: expect.stringMatching(/not allowed/) },
    ]);
  });

  test('a value outside a vocabulary is refused, listing the allowed values', () => {
    const untyped: unknown = {
      programmeId: 'bcc-improvement',
      stocktakeId: 'st-2019',
      criterion: 'governance-and-culture',
      rating: 'purple',
      narrative: 'Improving',
    };
    const errors = failure(
      buildCommand('AssessCriterion', untyped as CommandInput<'AssessCriterion'>),
    );
    expect(errors).toEqual([
      {
        path: 'data.rating',
        message: 'expected one of red, amber, green (Rating), got "purple"',
      },
    ]);
  });
});

// Type-level checks: compiled by `pnpm typecheck` (tsconfig.all.json), never run. Each
// `@ts-expect-error` fails the build if the line below it compiles.
export function typeLevelChecks(): void {
  const plain: Unbranded<{ readonly riskId: Id; readonly levels: readonly Level[] }> = {
    riskId: 'equal-pay',
    levels: [1, 2],
  };
  void plain;
  const ids: CommandInput<'PlanAction'>['recommendationIds'] = ['rec-1'];
  void ids;
  // @ts-expect-error a list of ids holds strings
  const notIds: CommandInput<'PlanAction'>['recommendationIds'] = [1];
  void notIds;
  // @ts-expect-error a misspelt field
  void commands.rescoreRisk({ riskId: 'equal-pay', likelihod: 3, impact: 4, rationale: 'x' });
  // @ts-expect-error a missing required field
  void commands.rescoreRisk({ riskId: 'equal-pay', impact: 4, rationale: 'x' });
  // @ts-expect-error a misspelt command type
  void commands.rescoreRsk;
  // @ts-expect-error a misspelt command type in `{type, data}`
  const wrongType: AnyCommandInput = { type: 'RescoreRsk', data: rescore };
  void wrongType;
  const wrongField: AnyCommandInput = {
    type: 'RescoreRisk',
    // @ts-expect-error a misspelt field in `{type, data}`
    data: { riskId: 'equal-pay', likelihod: 3, impact: 4, rationale: 'x' },
  };
  void wrongField;
  void commands.assessCriterion({
    programmeId: 'bcc-improvement',
    stocktakeId: 'st-2019',
    criterion: 'governance-and-culture',
    // @ts-expect-error a value outside the vocabulary
    rating: 'purple',
    narrative: 'x',
  });
  // @ts-expect-error a string where a number is due
  void commands.rescoreRisk({ ...rescore, likelihood: '3' });
}
