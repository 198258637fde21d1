import type { Issue, Script } from '../script';

/**
 * What every year of the journey shares: the programme, the evidence links, and the cast,
 * that is who issues the commands (pseudonymous actor ids, all invented; advisers act
 * under their adviser id) and the script's calendar.
 */

/** The programme's id (stream `programme-bcc`). */
export const PROGRAMME_ID = 'bcc';

export const programmeId = PROGRAMME_ID;

/** An evidence link of a claim or a completed action. */
export interface Doc {
  readonly uri: string;
  readonly title: string;
}

/** Invented evidence links live under the reserved `.example` domain. */
export const doc = (path: string, title: string): Doc => ({
  uri: `https://docs.example/bcc/${path}`,
  title,
});

/** The calendar and the people who issue the journey's commands. */
export interface Journey {
  /** Moves the calendar to `day` (never back). */
  readonly on: (day: string) => void;
  /** An issuer for someone outside the regular cast. */
  readonly as: (actor: string, role: string) => Issue;
  /** A non-executive adviser, acting under their adviser id. */
  readonly nea: (adviserId: string) => Issue;
  /** The corporate programme management office. */
  readonly pmo: Issue;
  /** The Kerslake review team, recorded by the panel secretariat. */
  readonly kerslake: Issue;
  /** The chair of the Independent Improvement Panel. */
  readonly biip: Issue;
  /** The external auditor. */
  readonly auditor: Issue;
  readonly internalAudit: Issue;
  readonly cex: Issue;
  readonly cfo: Issue;
  readonly monitoring: Issue;
  readonly hr: Issue;
  readonly dcs: Issue;
  readonly waste: Issue;
  readonly games: Issue;
  readonly property: Issue;
  readonly highways: Issue;
  readonly commissioner: Issue;
  /** The chair of the Strategic Programme Board. */
  readonly spb: Issue;
}

/** The cast of the journey, issuing into `s`. */
export function castOf(s: Script): Journey {
  return {
    on: (day) => s.on(day),
    as: (actor, role) => s.as(actor, role),
    nea: (adviserId) => s.as(adviserId, 'adviser'),
    pmo: s.as('pmo-admin', 'admin'),
    kerslake: s.as('review-kerslake', 'board'),
    biip: s.as('biip-chair', 'board'),
    auditor: s.as('auditor-gt', 'auditor'),
    internalAudit: s.as('officer-audit', 'officer'),
    cex: s.as('officer-cex', 'officer'),
    cfo: s.as('officer-cfo', 'officer'),
    monitoring: s.as('officer-monitoring', 'officer'),
    hr: s.as('officer-hr', 'officer'),
    dcs: s.as('officer-dcs', 'officer'),
    waste: s.as('officer-waste', 'officer'),
    games: s.as('officer-games', 'officer'),
    property: s.as('officer-property', 'officer'),
    highways: s.as('officer-highways', 'officer'),
    commissioner: s.as('commissioner-childrens', 'board'),
    spb: s.as('spb-chair', 'board'),
  };
}
