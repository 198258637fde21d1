import { csvCell, neutraliseCell, trackerCsv, type TrackerRow } from '@assure/projections';

const row: TrackerRow = {
  id: 'rec-1',
  areaId: 'area-finance',
  title: '-1 net: the budget gap closed',
  source: '=HYPERLINK("http://evil.example","x")',
  classification: 'key',
  status: 'raised',
  originalDueOn: '2019-01-31',
  dueOn: '2019-03-31',
  revisions: 1,
  slipped: true,
  overdue: false,
  daysOverdue: 0,
  revisionApprovers: ['+leader'],
  awaitingVerificationDays: null,
  latestUpdate: null,
  rag: 'amber',
  reopenedOn: null,
  sinceLastMeeting: null,
  owner: '@officer',
  actionIds: ['a-1', 'a-2'],
  evidenceCount: 0,
  late: false,
  extensionRequested: false,
};

describe('CSV cells', () => {
  it('neutralises every formula-looking start: = + - @ tab and carriage return', () => {
    for (const s of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx'])
      expect(neutraliseCell(s)).toBe(`'${s}`);
    for (const s of ['2019-03-01', 'officer-cfo', 'a=b', '']) expect(neutraliseCell(s)).toBe(s);
    expect(csvCell('=A1,"x"')).toBe(`"'=A1,""x"""`);
  });

  it('writes the tracker as CSV with formula cells neutralised', () => {
    const [header, line] = trackerCsv([row]).split('\r\n');
    expect(header).toBe(
      'id,areaId,title,source,classification,status,owner,originalDueOn,dueOn,revisions,slipped,overdue,daysOverdue,revisionApprovers,awaitingVerificationDays,rag,reopenedOn,late,extensionRequested,evidenceCount,actionIds',
    );
    expect(line).toBe(
      `rec-1,area-finance,'-1 net: the budget gap closed,"'=HYPERLINK(""http://evil.example"",""x"")",key,raised,'@officer,2019-01-31,2019-03-31,1,true,false,0,'+leader,,amber,,false,false,0,a-1 a-2`,
    );
  });
});
