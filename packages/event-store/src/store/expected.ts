import * as E from 'fp-ts/Either';
import { StoreErrors, type WrongExpectedRevision } from './errors';
import { showExpected, type ExpectedRevision } from './port';

/** The one answer of an expectation met (an `Either` is never mutated: one object serves). */
const MET: E.Either<never, void> = E.right(undefined);

/**
 * Checks an append's expectation against a stream's current last revision
 * (`null` when the stream does not exist). Every store uses it, so all of them
 * report a mismatch the same way.
 *
 * @example
 * checkExpected('risk-equal-pay', 'no-stream', null);          // right
 * checkExpected('risk-equal-pay', { revision: 2 }, 4);          // left: expected 2, actual 4
 */
export function checkExpected(
  stream: string,
  expected: ExpectedRevision,
  current: number | null,
): E.Either<WrongExpectedRevision, void> {
  const fail = () =>
    E.left(
      StoreErrors.wrongExpectedRevision(
        stream,
        showExpected(expected),
        current === null ? 'no-stream' : String(current),
      ),
    );
  if (typeof expected !== 'string') {
    return current === expected.revision ? MET : fail();
  }
  switch (expected) {
    case 'any':
      return MET;
    case 'no-stream':
      return current === null ? MET : fail();
    case 'stream-exists':
      return current === null ? fail() : MET;
    default: {
      const never: never = expected;
      return never;
    }
  }
}
