import * as t from 'io-ts';
import { strict } from './strict';
import { Level, Sha256, Text, Uri } from './primitives';

/** Evidence: a URI, content-addressed when `sha256` is given, with an optional title. */
export const Evidence = strict({ uri: Uri }, { sha256: Sha256, title: Text }, 'Evidence');
/** Evidence: a URI, content-addressed when `sha256` is given, with an optional title. */
export type Evidence = t.TypeOf<typeof Evidence>;

/** A list of evidence items (may be empty; a rule may ask for at least one). */
export const EvidenceList = t.readonlyArray(Evidence, 'EvidenceList');
/** A list of evidence items. */
export type EvidenceList = t.TypeOf<typeof EvidenceList>;

/** The kinds of oversight or decision body. */
export const BodyKind = t.keyof(
  {
    'improvement-panel': null,
    'programme-board': null,
    'audit-committee': null,
    cabinet: null,
    'full-council': null,
    commissioners: null,
  },
  'BodyKind',
);
/** The kinds of oversight or decision body. */
export type BodyKind = t.TypeOf<typeof BodyKind>;

/** The LGA's five criteria of an effective organisation. */
export const Criterion = t.keyof(
  {
    'local-priorities-and-outcomes': null,
    'organisational-and-place-leadership': null,
    'governance-and-culture': null,
    'financial-planning-and-management': null,
    'capacity-for-improvement': null,
  },
  'Criterion',
);
/** The LGA's five criteria of an effective organisation. */
export type Criterion = t.TypeOf<typeof Criterion>;

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
