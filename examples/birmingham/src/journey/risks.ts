import register from './risks.json';
import { programmeId } from './cast';

/**
 * The risks the journey puts on the register, each as first identified, kept as data in
 * `risks.json`. The sources name the critical risks (industrial relations, equal pay, the
 * Commonwealth Games, Paradise Circus, the Amey contract); every score, target and review
 * date there is invented (see the README).
 */
export type RiskName = keyof typeof register;

/** The data of `IdentifyRisk` for a risk of the register. */
export function identified(name: RiskName): Record<string, unknown> {
  const { riskId, ...rest } = register[name];
  return { riskId, programmeId, ...rest };
}
