import * as t from 'io-ts';
import { strict } from './strict';
import { Level, Sha256, Text, Uri, refined } from './primitives';

/** Evidence: a URI, content-addressed when `sha256` is given, with an optional title. */
export const Evidence = strict({ uri: Uri }, { sha256: Sha256, title: Text }, 'Evidence');
/** Evidence: a URI, content-addressed when `sha256` is given, with an optional title. */
export type Evidence = t.TypeOf<typeof Evidence>;

/** A list of evidence items (may be empty; a rule may ask for at least one). */
export const EvidenceList = t.readonlyArray(Evidence, 'EvidenceList');
/** A list of evidence items. */
export type EvidenceList = t.TypeOf<typeof EvidenceList>;

/**
 * The kinds of oversight or decision body. Additions (later values, so events recorded
 * before them keep their meaning): `overview-and-scrutiny`, the council's management teams
 * (`corporate-management-team`, `executive-management-team`) and the `ministry`.
 */
export const BodyKind = t.keyof(
  {
    'improvement-panel': null,
    'programme-board': null,
    'audit-committee': null,
    cabinet: null,
    'full-council': null,
    commissioners: null,
    'overview-and-scrutiny': null,
    'corporate-management-team': null,
    'executive-management-team': null,
    ministry: null,
  },
  'BodyKind',
);
/** The kinds of oversight or decision body. */
export type BodyKind = t.TypeOf<typeof BodyKind>;

/**
 * A criterion of a stocktake. The first five are the LGA's current corporate peer challenge
 * headings (`lga-peer-challenge@1`); the next five (additions) the LGA's criteria for an
 * effective organisation as the Birmingham stocktakes of 2015-2019 used them
 * (`lga-effective-organisation@1`). Each set is named in {@link criteriaSets}.
 */
export const Criterion = t.keyof(
  {
    'local-priorities-and-outcomes': null,
    'organisational-and-place-leadership': null,
    'governance-and-culture': null,
    'financial-planning-and-management': null,
    'capacity-for-improvement': null,
    'political-and-managerial-leadership': null,
    'context-vision-and-priorities': null,
    'governance-and-decision-making': null,
    'capacity-and-resources': null,
    'long-term-financial-plan': null,
  },
  'Criterion',
);
/** The LGA's five criteria of an effective organisation. */
export type Criterion = t.TypeOf<typeof Criterion>;

/**
 * The named, versioned sets of stocktake criteria: each criterion with its title. A set is
 * never edited in place; a changed wording is a new version beside the old one.
 */
export const criteriaSets: {
  readonly [S in CriteriaSetName]: { readonly [K in Criterion]?: string };
} = {
  'lga-peer-challenge@1': {
    'local-priorities-and-outcomes': 'Local priorities and outcomes',
    'organisational-and-place-leadership': 'Organisational and place leadership',
    'governance-and-culture': 'Governance and culture',
    'financial-planning-and-management': 'Financial planning and management',
    'capacity-for-improvement': 'Capacity for improvement',
  },
  'lga-effective-organisation@1': {
    'political-and-managerial-leadership':
      'Effective political and managerial leadership, working as a constructive partnership',
    'context-vision-and-priorities':
      'An understanding of the local context informing a shared long-term vision and clear priorities, carried through a healthy culture understood by the workforce and partners',
    'governance-and-decision-making':
      'Effective governance and decision-making that respond to challenges and manage performance, change, transformation and disinvestment',
    'capacity-and-resources':
      'Capacity and resources focused on the agreed priorities, supported by organisational and workforce development',
    'long-term-financial-plan':
      'A financial plan securing long-term viability, with evidence that it is being implemented',
  },
};

/** The name of a built-in criteria set. */
export const CriteriaSetName = t.keyof(
  { 'lga-peer-challenge@1': null, 'lga-effective-organisation@1': null },
  'CriteriaSetName',
);
/** The name of a built-in criteria set. */
export type CriteriaSetName = t.TypeOf<typeof CriteriaSetName>;

/**
 * Criteria sets as configuration: by versioned name (`name@N`), each criterion id with its
 * title. The built-in ones ({@link criteriaSets}) are the default; an embedding application
 * may supply its own to `makeDomainModel({ criteriaSets })`. A set is never edited in place:
 * a changed wording is a new version beside the old one.
 */
export type CriteriaSets = Readonly<Record<string, Readonly<Record<string, string>>>>;

const SET_REF_RE = /^[a-z0-9][a-z0-9-]{0,55}@[1-9][0-9]{0,5}$/;

/** The versioned name of a criteria set (`name@N`), built in or configured. */
export interface CriteriaSetRefBrand {
  readonly CriteriaSetRef: unique symbol;
}
/** The versioned name of a criteria set (`name@N`), built in or configured. */
export type CriteriaSetRef = t.Branded<string, CriteriaSetRefBrand>;
/** Codec of {@link CriteriaSetRef}. @example CriteriaSetRef.decode('lga-peer-challenge@1') // right */
export const CriteriaSetRef: t.Type<CriteriaSetRef, string, unknown> = refined<
  CriteriaSetRef,
  string
>(
  t.string,
  (s) => SET_REF_RE.test(s),
  'CriteriaSetRef',
  'expected a criteria set name@N, for example lga-peer-challenge@1',
);

/**
 * Checks a configured criteria sets table: each name `name@N`, each criterion an id (1-64
 * lowercase letters, digits or hyphens), each title non-empty. Returns the problems, each
 * naming the set and criterion; empty when the table is sound.
 */
export function criteriaSetsProblems(sets: CriteriaSets): readonly string[] {
  const problems: string[] = [];
  const names = Object.keys(sets);
  if (names.length === 0) problems.push('criteriaSets: at least one set is needed');
  for (const name of names) {
    if (!SET_REF_RE.test(name))
      problems.push(`criteriaSets.${name}: a set's name is name@N (for example my-set@1)`);
    const criteria = Object.entries(sets[name] ?? {});
    if (criteria.length === 0) problems.push(`criteriaSets.${name}: a set has criteria`);
    for (const [criterion, title] of criteria) {
      if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(criterion))
        problems.push(`criteriaSets.${name}.${criterion}: a criterion is an id`);
      if (title.trim() === '')
        problems.push(`criteriaSets.${name}.${criterion}: a criterion has a title`);
    }
  }
  return problems;
}

/** Who made a stocktake's assessment: the council itself, the panel, or a peer team. */
export const Assessor = t.keyof(
  { 'self-assessment': null, panel: null, 'peer-team': null },
  'Assessor',
);
/** Who made a stocktake's assessment. */
export type Assessor = t.TypeOf<typeof Assessor>;

/** What a body issues: a letter or a report. */
export const OutputKind = t.keyof({ letter: null, report: null }, 'OutputKind');
/** What a body issues. */
export type OutputKind = t.TypeOf<typeof OutputKind>;

/** A RAG rating. */
export const Rating = t.keyof({ red: null, amber: null, green: null }, 'Rating');
/** A RAG rating. */
export type Rating = t.TypeOf<typeof Rating>;

/** Who a progress report goes to. */
export const ReportRecipient = t.keyof(
  { 'secretary-of-state': null, panel: null, cabinet: null, 'audit-committee': null },
  'ReportRecipient',
);
/** Who a progress report goes to. */
export type ReportRecipient = t.TypeOf<typeof ReportRecipient>;

/** Where a recommendation comes from. */
export const RecommendationSource = t.keyof(
  {
    'kerslake-review': null,
    'improvement-panel': null,
    'external-auditor': null,
    'internal-audit': null,
    'peer-challenge': null,
    'service-review': null,
    'best-value-notice': null,
    'secretary-of-state': null,
    other: null,
  },
  'RecommendationSource',
);
/** Where a recommendation comes from. */
export type RecommendationSource = t.TypeOf<typeof RecommendationSource>;

/** How binding a recommendation is: `statutory` ones come only from the external auditor. */
export const Classification = t.keyof(
  { statutory: null, key: null, improvement: null },
  'Classification',
);
/** How binding a recommendation is. */
export type Classification = t.TypeOf<typeof Classification>;

/** The council's decision on a recommendation. */
export const ResponseDecision = t.keyof(
  { accepted: null, 'partially-accepted': null, rejected: null },
  'ResponseDecision',
);
/** The council's decision on a recommendation. */
export type ResponseDecision = t.TypeOf<typeof ResponseDecision>;

/** The outcome of verifying a claimed implementation. */
export const VerificationOutcome = t.keyof(
  { verified: null, 'not-verified': null },
  'VerificationOutcome',
);
/** The outcome of verifying a claimed implementation. */
export type VerificationOutcome = t.TypeOf<typeof VerificationOutcome>;

/** A likelihood x impact pair. */
export const Assessment = strict({ likelihood: Level, impact: Level }, {}, 'Assessment');
/** A likelihood x impact pair. */
export type Assessment = t.TypeOf<typeof Assessment>;

/** How much of a kind of risk the council will take on (the usual five-level appetite scale). */
export const RiskAppetite = t.keyof(
  { averse: null, minimal: null, cautious: null, open: null, eager: null },
  'RiskAppetite',
);
/** How much of a kind of risk the council will take on. */
export type RiskAppetite = t.TypeOf<typeof RiskAppetite>;

/** How well a control works, as last assessed. */
export const ControlEffectiveness = t.keyof(
  { effective: null, 'partly-effective': null, ineffective: null },
  'ControlEffectiveness',
);
/** How well a control works. */
export type ControlEffectiveness = t.TypeOf<typeof ControlEffectiveness>;
