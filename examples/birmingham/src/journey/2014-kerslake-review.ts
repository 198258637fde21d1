import { type Journey, programmeId } from './cast';
import { accept, meeting } from './steps';
import { identified } from './risks';

/**
 * December 2014: the Kerslake review is published, the programme is set up and Cabinet accepts the
 * review.
 */
export function kerslakeReview2014(j: Journey): void {
  reviewPublished(j);
  cabinetAccepts(j);
}

/** The five priority areas the programme starts with. */
const areas: readonly (readonly [id: string, title: string, description: string])[] = [
  [
    'area-governance',
    'Governance and decision-making',
    'Member roles, scrutiny, district arrangements and the move to all-out elections.',
  ],
  [
    'area-finance',
    'Financial planning and resilience',
    'A realistic budget, a long-term financial plan and the savings to deliver it.',
  ],
  [
    'area-partnerships',
    'Partnership working and a shared vision for the city',
    'Working with partners on a long-term vision; Birmingham Partners; the combined authority.',
  ],
  [
    'area-capacity',
    'Leadership, capacity and culture',
    'Strategic capacity at the top of the organisation, member development and an open, outward-facing culture.',
  ],
  [
    'area-vulnerable-people',
    'Outcomes for vulnerable children and adults',
    "Children's safeguarding and social care, SEND, and care for older adults.",
  ],
];

/** Kerslake's recommendations, paraphrased themes (see the README). */
const kerslakeRecs: readonly (readonly [
  id: string,
  areaId: string,
  title: string,
  detail: string,
  dueOn: string,
])[] = [
  [
    'rec-kerslake-01',
    'area-governance',
    'Move to all-out elections every four years',
    'Elect the whole council once every four years, from 2018, to give stable political leadership.',
    '2018-05-31',
  ],
  [
    'rec-kerslake-02',
    'area-finance',
    'Set a realistic budget within a long-term financial plan',
    'Close the budget gap with savings that can be delivered, inside a plan of at least three years.',
    '2015-12-31',
  ],
  [
    'rec-kerslake-03',
    'area-capacity',
    'Strengthen corporate leadership and strategic capacity',
    'Recruit the senior officers the council lacks and build a corporate centre able to lead change.',
    '2015-12-31',
  ],
  [
    'rec-kerslake-04',
    'area-partnerships',
    'Build a shared long-term vision with partners',
    'Work with business, public and voluntary partners on a shared vision, without seeking to control it.',
    '2015-12-31',
  ],
  [
    'rec-kerslake-05',
    'area-governance',
    'Clarify member roles, including in employment matters, and refocus scrutiny',
    'Set out what members and officers each decide; fewer, sharper scrutiny committees.',
    '2015-09-30',
  ],
  [
    'rec-kerslake-06',
    'area-governance',
    'Rework district committee responsibilities',
    'Make devolved arrangements clear, affordable and accountable.',
    '2015-09-30',
  ],
  [
    'rec-kerslake-07',
    'area-capacity',
    'Change the culture: open, outward-facing, with a member development plan',
    'Members and staff to work in a more open way with residents and partners; a development plan for members.',
    '2016-03-31',
  ],
  [
    'rec-kerslake-08',
    'area-vulnerable-people',
    "Sustain the improvement of children's safeguarding",
    "Work with the commissioner until children's social care no longer needs intervention.",
    '2017-03-31',
  ],
];

/** The owners Cabinet named for the Kerslake recommendations. */
const owners: readonly (readonly [recommendationId: string, owner: string])[] = [
  ['rec-kerslake-01', 'officer-monitoring'],
  ['rec-kerslake-02', 'officer-cfo'],
  ['rec-kerslake-03', 'officer-cex'],
  ['rec-kerslake-04', 'officer-cex'],
  ['rec-kerslake-05', 'officer-monitoring'],
  ['rec-kerslake-06', 'officer-monitoring'],
  ['rec-kerslake-07', 'officer-hr'],
  ['rec-kerslake-08', 'officer-dcs'],
];

/** 9 December 2014: the review is published; the programme, its areas, bodies and first risk. */
function reviewPublished({ on, pmo, kerslake, cfo }: Journey): void {
  on('2014-12-09');
  pmo('EstablishProgramme', {
    programmeId,
    title: 'Birmingham City Council improvement programme',
    body: 'Birmingham City Council',
    phase: 'Kerslake review response',
  });
  for (const [areaId, title, description] of areas)
    pmo('DefinePriorityArea', { programmeId, areaId, title, description });
  pmo('ConstituteBody', { programmeId, bodyId: 'cabinet', kind: 'cabinet', name: 'Cabinet' });
  pmo('ConstituteBody', {
    programmeId,
    bodyId: 'full-council',
    kind: 'full-council',
    name: 'City Council',
  });
  pmo('ConstituteBody', {
    programmeId,
    bodyId: 'audit-committee',
    kind: 'audit-committee',
    name: 'Audit Committee',
  });
  pmo('ConstituteBody', {
    programmeId,
    bodyId: 'childrens-commissioner',
    kind: 'commissioners',
    name: "Commissioner for children's social care",
  });
  for (const [recommendationId, areaId, title, detail, dueOn] of kerslakeRecs)
    kerslake(
      'RaiseRecommendation',
      {
        recommendationId,
        programmeId,
        areaId,
        source: 'kerslake-review',
        classification: 'key',
        reference: `Kerslake review, recommendation ${recommendationId.slice(-2)}`,
        title,
        detail,
        dueOn,
      },
      { recordedAfterDays: 2 },
    );
  cfo('IdentifyRisk', identified('equalPay'));
}

/** 16 December 2014: Cabinet accepts every Kerslake recommendation and names the owners. */
function cabinetAccepts({ on, pmo, cfo }: Journey): void {
  on('2014-12-16');
  meeting(pmo, 'cabinet', '2014-12-16', {
    attendees: ['cllr-albert-bore', 'cllr-ian-ward', 'officer-cex', 'officer-cfo'],
    observers: [],
  });
  for (const [recommendationId, owner] of owners)
    accept(pmo, recommendationId, {
      response: 'Accepted in full by Cabinet as part of the response to the Kerslake review.',
      meetingId: 'cabinet-2014-12-16',
      owner,
    });
  cfo('AddRiskControl', {
    riskId: 'equal-pay',
    controlId: 'provision',
    description: 'A provision for equal pay liabilities held in the medium-term financial plan',
    owner: 'officer-cfo',
  });
}
