import * as E from 'fp-ts/Either';
import { decodeEvent } from '@assure/domain';
import { riskIdentifiedSample } from '@assure/domain/testing';

// Optional additions to RiskIdentified and RiskControlAdded: earlier events, without them,
// decode as they always did (their payloads and hashes are untouched); new ones carry them.
const identified = riskIdentifiedSample();
const control = { riskId: 'r', controlId: 'c', description: 'A control', owner: 'o' };

describe('risk appetite, tolerance and control effectiveness', () => {
  it('risk-appetite: a RiskIdentified without appetite or tolerance still decodes', () => {
    expect(E.isRight(decodeEvent('RiskIdentified', 1, identified))).toBe(true);
    expect(E.isRight(decodeEvent('RiskControlAdded', 1, control))).toBe(true);
  });
  it('risk-appetite: appetite and tolerance decode when given, and a bad appetite is refused', () => {
    const withThem = {
      ...identified,
      appetite: 'cautious',
      tolerance: { likelihood: 3, impact: 3 },
    };
    expect(decodeEvent('RiskIdentified', 1, withThem)).toMatchObject({
      _tag: 'Right',
      right: { data: { appetite: 'cautious', tolerance: { likelihood: 3, impact: 3 } } },
    });
    expect(
      E.isLeft(decodeEvent('RiskIdentified', 1, { ...identified, appetite: 'reckless' })),
    ).toBe(true);
    expect(
      E.isLeft(
        decodeEvent('RiskIdentified', 1, {
          ...identified,
          tolerance: { likelihood: 6, impact: 1 },
        }),
      ),
    ).toBe(true);
  });
  it('control-effectiveness: effective, partly-effective or ineffective, nothing else', () => {
    for (const effectiveness of ['effective', 'partly-effective', 'ineffective'])
      expect(E.isRight(decodeEvent('RiskControlAdded', 1, { ...control, effectiveness }))).toBe(
        true,
      );
    expect(
      E.isLeft(decodeEvent('RiskControlAdded', 1, { ...control, effectiveness: 'great' })),
    ).toBe(true);
  });
});
