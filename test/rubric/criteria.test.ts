import { describe, expect, it } from 'vitest';
import type { CriterionId, PartName } from '../../src/content/schema.ts';
import { type AnswerParts, type GradeOptions, grade } from '../../src/rubric/index.ts';
import { bankWith } from './fixtures.ts';

const bank = bankWith();

function judge(input: string | AnswerParts, id: CriterionId, options: GradeOptions = {}) {
  const found = grade(input, bank, options).criteria.find((c) => c.id === id);
  if (!found) throw new Error(`no ${id}`);
  return found;
}
const part = (section: PartName, text: string, id: CriterionId, options: GradeOptions = {}) =>
  judge({ [section]: text }, id, { ...options, section });

const words = (n: number, word = 'context') => Array.from({ length: n }, () => word).join(' ');

const STRONG = {
  situation:
    'Last spring I was the operations lead at a regional courier. About 4% of next-day parcels were arriving a day late, and two of our largest retail clients had started asking for refunds.',
  task: 'Routing was owned by the planning team, not mine, and there was no ticket for it, but I decided to find out why, because the late parcels were costing us clients.',
  action:
    'I pulled three months of delivery scans and compared the late parcels with the on-time ones. I found that 80% of the late ones had been sorted after the 9 p.m. cut-off at one depot. I shadowed the night shift for two evenings and timed each step, and traced the delay to a single scanner that kept losing its connection. I replaced the scanner, moved the cut-off check to the start of the shift, and wrote a one-page checklist for the supervisors. I then tracked the late rate every morning for a month.',
  result:
    'Late parcels fell from 4% to 0.8% within six weeks, which kept both retail clients and about £25,000 a month of revenue. The other three depots adopted my cut-off checklist, and it became part of the standard night-shift handover.',
  reflection:
    'I learned that a late parcel is usually an early problem: the delay started hours before anyone looked. Since then I time the first hour of any shift before I change the process.',
};

describe('situation-concise', () => {
  it('passes a short Situation that leads with the problem, quoting it', () => {
    const c = part('situation', STRONG.situation, 'situation-concise');
    expect(c.verdict).toBe('pass');
    expect(c.evidence.join(' ')).toContain('Last spring I was the operations lead');
  });
  it('is partial just over 45 seconds and fails well over a minute', () => {
    expect(part('situation', `${STRONG.situation} ${words(90)}.`, 'situation-concise').verdict).toBe(
      'partial',
    );
    expect(part('situation', `${STRONG.situation} ${words(200)}.`, 'situation-concise').verdict).toBe('fail');
  });
  it('is partial when a short Situation is heavy with architecture', () => {
    const heavy =
      'Our stack was microservices on Kubernetes with Kafka topics, a Postgres database, Redis caches and a React front end behind an API gateway, deployed through a Jenkins pipeline. Orders were failing.';
    expect(part('situation', heavy, 'situation-concise').verdict).toBe('partial');
  });
  it('fails a whole answer with no Situation, and is n/a when another part is graded alone', () => {
    expect(judge({ action: STRONG.action, result: STRONG.result }, 'situation-concise').verdict).toBe('fail');
    expect(part('action', STRONG.action, 'situation-concise').verdict).toBe('n/a');
  });
});

describe('scope-ownership', () => {
  it('passes an explicit boundary and initiative', () => {
    const c = part('task', STRONG.task, 'scope-ownership');
    expect(c.verdict).toBe('pass');
    expect(c.evidence[0]).toContain('not mine');
  });
  it.each([
    'My manager asked me to look into the late parcels.',
    'I was assigned the ticket for the late parcels.',
  ])('is partial when prompted: %s', (text) => {
    expect(part('task', text, 'scope-ownership').verdict).toBe('partial');
  });
  it('is partial when a boundary is named but the work was still asked for', () => {
    const text = "Procurement wasn't my team, but the CFO asked me to look into it.";
    expect(part('task', text, 'scope-ownership').verdict).toBe('partial');
  });
  it('fails when silent', () => {
    const c = part('task', 'So I started looking at the delivery scans.', 'scope-ownership');
    expect(c.verdict).toBe('fail');
    expect(c.advice).toMatch(/scope/i);
  });
});

describe('first-person', () => {
  it('passes actions told with "I"', () => {
    expect(part('action', STRONG.action, 'first-person').verdict).toBe('pass');
  });
  it('fails "we" and passive voice, quoting them', () => {
    const c = part(
      'action',
      'We looked at the scans together. The scanner was replaced and a checklist was written. We tracked it for a month.',
      'first-person',
    );
    expect(c.verdict).toBe('fail');
    expect(c.evidence.join(' ')).toMatch(/together|was replaced/);
  });
  it('is partial for a mix', () => {
    const text =
      'I pulled the scans and found the late depot. We then replaced the scanner together. I wrote the checklist. The cut-off was moved by the team.';
    expect(part('action', text, 'first-person').verdict).toBe('partial');
  });
  it('does not count "we" in the Situation against the candidate', () => {
    const answer = {
      ...STRONG,
      situation: 'We were a team of six planners, and we had a late-parcel problem.',
    };
    expect(judge(answer, 'first-person').verdict).toBe('pass');
  });
  it('judges who acts, not when: "I would" steps are the speaker\'s (concrete-event judges the hypothetical)', () => {
    const text =
      'I would pull the last month of late orders. I would call each supplier about their lead times. I would put the dates into the planning sheet.';
    expect(part('action', text, 'first-person').verdict).toBe('pass');
    expect(part('action', text, 'concrete-event').verdict).not.toBe('pass');
  });
});

describe('specific-actions', () => {
  it('is partial, not fail, for concrete steps told as a plan, wherever the split puts them', () => {
    const plan =
      'If a supplier kept missing delivery dates, I would first pull the last three months of their orders from the system. ' +
      'I would then call their account manager and compare their lead times with what we had on file. ' +
      'I would put the corrected dates into the planning sheet and email the store managers the new schedule.\n\n' +
      'I think that approach keeps the shelves full, which is what matters most in retail.';
    expect(judge(plan, 'concrete-event').verdict).not.toBe('pass');
    expect(judge(plan, 'specific-actions').verdict).toBe('partial');
    const vaguePlan =
      'If a supplier kept missing delivery dates, I would first look into it. I would then work with the team on a plan ' +
      'and communicate with stakeholders.\n\nI think that approach keeps things running smoothly.';
    expect(judge(vaguePlan, 'specific-actions').verdict).not.toBe('pass');
  });
  it('passes concrete steps and quotes the strongest', () => {
    const c = part('action', STRONG.action, 'specific-actions');
    expect(c.verdict).toBe('pass');
    expect(c.evidence.length).toBeGreaterThan(0);
  });
  it('passes concrete steps from other job families', () => {
    const sales =
      'I built a list of 60 accounting firms, cold-called 25 of them myself and ran demos for the nine who were interested. I drafted a referral agreement, negotiated the commission with legal and trained the partners on our setup.';
    expect(part('action', sales, 'specific-actions').verdict).toBe('pass');
  });
  it('fails vague activity', () => {
    const c = part(
      'action',
      'I worked on the issue and helped with the rollout, and I handled the follow-up.',
      'specific-actions',
    );
    expect(c.verdict).toBe('fail');
    expect(c.evidence.join(' ')).toMatch(/worked on/);
  });
  it('flags routing instead of doing', () => {
    const c = part('action', 'I escalated it to the platform team and they fixed it.', 'specific-actions');
    expect(c.verdict).toBe('fail');
    expect(c.advice).toMatch(/routing/i);
  });
  it('gives steps the speaker doubts taking partial at most', () => {
    const sure =
      'I checked the boiler pressure and topped it up to 1.5 bar. I bled the radiators on the second floor. I rang the contractor and booked a visit for Monday morning.';
    const doubted =
      'I think I probably checked the boiler pressure and maybe topped it up to 1.5 bar. I kind of bled the radiators on the second floor. I rang the contractor and booked a visit for Monday morning, I guess.';
    expect(part('action', sure, 'specific-actions').verdict).toBe('pass');
    expect(part('action', doubted, 'specific-actions').verdict).toBe('partial');
  });
  // Each rule with a look-alike that must not trip it: the weak wording, then the same kind of step done concretely.
  it.each([
    [
      'activity verbs with no object',
      'I flagged it. I followed up. I documented everything and communicated throughout.',
      'fail',
      'I followed up with each of the nine store managers by phone on Friday, logged their stock counts in the rota sheet and documented the two missing deliveries for the supplier.',
    ],
    [
      'coordinating and keeping people updated',
      'I coordinated with the suppliers and the kitchen team, kept everyone in the loop and escalated as needed until the menu launched.',
      'fail',
      'I moved the supplier delivery from 7 a.m. to 5 a.m., re-ordered the prep list by cooking time and tasted the first three batches of each sauce myself.',
    ],
  ])('does not pass %s', (_rule, weak, verdict, concrete) => {
    expect(part('action', weak, 'specific-actions').verdict).toBe(verdict);
    expect(part('action', concrete, 'specific-actions').verdict).toBe('pass');
  });
  it('treats complaining to a manager as routing, not a step', () => {
    const routed =
      'I complained to the area manager several times, and in the end she brought in a new handover sheet.';
    expect(part('action', routed, 'specific-actions').advice).toMatch(/routing/i);
    const done =
      'I wrote a new handover sheet with the six checks the night shift kept missing and ran it for two weeks.';
    expect(part('action', done, 'specific-actions').advice).not.toMatch(/routing/i);
  });
  it('counts British spellings', () => {
    const text =
      'I analysed the returns data, organised a workshop with the pickers, prioritised the five worst bins and standardised the labels.';
    expect(part('action', text, 'specific-actions').verdict).toBe('pass');
  });
});

describe('quantified-result', () => {
  it.each([
    'Late parcels fell from 4% to 0.8%.',
    'We halved the backlog in a month.',
    'Processing time went from 30 minutes to 5.',
    'By 2pm we completed 112 of 118 home visits.',
    'The error rate dropped by 40%.',
    'There have been zero incidents since.',
    'Build times are now 3x faster.',
  ])('passes a metric delta: %s', (text) => {
    expect(part('result', text, 'quantified-result').verdict).toBe('pass');
  });
  it('is partial for a number that is only a level or a date', () => {
    expect(part('result', 'Our on-time rate is around 95%.', 'quantified-result').verdict).toBe('partial');
  });
  it('fails "things got better"', () => {
    const c = part('result', 'Things got a lot better and the team was happy.', 'quantified-result');
    expect(c.verdict).toBe('fail');
    expect(c.advice).toMatch(/number/i);
  });
});

describe('quantified-result: how people say numbers', () => {
  it.each([
    'Falls on the ward went from eleven to three.',
    'The customer renewed at 84k a year, up from 70k.',
    'Shrinkage fell by two-thirds over the year.',
    'Churn was 4.1%, not 6.3%.',
    'Page weight 2.4 MB -> 900 KB.',
    'I finished the quarter at 112% of quota.',
    'Of the 140 lapsed members, 52 made a purchase within a month.',
    'Seven of the nine families we supported stayed in their homes.',
    'The ward ran without a single medication error for 14 weeks.',
    'We have not had a single data-protection complaint since.',
    'The fraud checks blocked an extra £12k of bad payments a month.',
    'We won the tender, a three-year contract worth 1.4 million euros.',
    'The hiring manager filled the role in 3 weeks instead of the usual 10.',
    'I made 60 calls and booked 11 meetings.',
    'We went from publishing monthly to weekly with the same budget.',
    'It was the first incident-free shutdown in five years.',
    'Our customer effort score jumped 20 points in one quarter.',
  ])('passes: %s', (text) => {
    expect(part('result', text, 'quantified-result').verdict).toBe('pass');
  });
  it.each([
    'In March 2024, after a nine-month project with a team of 12, we launched version 3.2 of the portal.',
    'I wrote 37 unit tests, refactored 4 modules and reviewed 12 pull requests, and the feature shipped in sprint 14.',
    'The feature went live in release 7 after a 4-week beta with 3 customers.',
    'The migration took fourteen weeks and involved 6 teams across 3 time zones.',
    'I sent the new rota to all 40 staff and ran three briefings by 15 June.',
    'I worked 50-hour weeks to get it done.',
    'The whole thing took 3 sprints and 2 designers.',
  ])('fails numbers that describe the set-up or the effort: %s', (text) => {
    expect(part('result', text, 'quantified-result').verdict).toBe('fail');
  });
});

describe('business-impact', () => {
  it('passes money, customers or risk with a size', () => {
    expect(part('result', STRONG.result, 'business-impact').verdict).toBe('pass');
    expect(part('result', 'We saved about 15 hours of agent time a week.', 'business-impact').verdict).toBe(
      'pass',
    );
  });
  it('counts people kept from harm or loss, said as none, as worth', () => {
    const results = [
      'All 80 trays went out on time and no patient missed a dose.',
      'The 12 flagged meters were fixed that week, so no family lost heating over the holiday.',
      'Two buildings were rewired before handover, which eliminated a fire risk in both.',
      'Within 15 minutes the queue at gate C was down to 60 metres, and nobody was injured.',
      'The crowd cleared in 90 minutes, and we got through it without anyone getting hurt.',
      'All 16 learners finished and the course keeps its funding for next year.',
    ];
    for (const text of results) expect(part('result', text, 'business-impact').verdict, text).toBe('pass');
    expect(part('result', 'No one said anything about it afterwards.', 'business-impact').verdict).not.toBe(
      'pass',
    );
  });
  it('is partial for customers or time without a measure', () => {
    expect(part('result', 'Customers were getting replies a lot faster.', 'business-impact').verdict).toBe(
      'partial',
    );
  });
  it('gives a measured technical outcome with no stated worth partial, and fails an emotional one', () => {
    expect(part('result', 'p99 latency went from 840 ms to 210 ms.', 'business-impact').verdict).toBe(
      'partial',
    );
    expect(part('result', 'The team was happy with it.', 'business-impact').verdict).toBe('fail');
  });
  it('is stricter for seniors: a plain consequence with no number is partial', () => {
    const text = 'That stopped the manual refunds that support had been processing by hand.';
    expect(part('result', text, 'business-impact').verdict).toBe('pass');
    expect(part('result', text, 'business-impact', { level: 'senior' }).verdict).toBe('partial');
  });
});

describe('business-impact: what people say a result was worth', () => {
  it.each([
    'Patient falls on the ward went from eleven to three.',
    'The follow-up audit found no major non-conformities, down from seven the year before.',
    'Seven of the nine families we supported stayed in their homes.',
    'Attendance rose to 93%, which took the year group above the 90% attendance target.',
    'Patients now wait about 25 minutes less in the emergency department.',
    'Reception took about 300 fewer phone calls a week.',
    'The release script gives each engineer roughly half a day a week back.',
    'Missed appointments dropped from 12% to 7%.',
    'We stopped needing two agency nurses per shift, roughly £180,000 a year.',
    'Lost baggage claims at our station were down 30% year on year.',
    'Our customer effort score jumped 20 points in one quarter.',
    'No one was hurt during the whole shutdown, the first incident-free shutdown in five years.',
  ])('passes worth with a size: %s', (text) => {
    expect(part('result', text, 'business-impact').verdict).toBe('pass');
  });
  // Each rule with a look-alike: the wording that must not count as worth, then real worth said the same way.
  it.each([
    [
      'a sign-off is not a signed deal',
      'The stakeholders signed off the final designs at the first review.',
      'fail',
      'The client signed a two-year contract worth £80,000.',
      'pass',
    ],
    [
      'a data pipeline is not a sales pipeline',
      'The nightly data pipeline now runs in 12 minutes instead of 90.',
      'partial',
      'Our sales pipeline grew from £1.2m to £1.9m over the quarter.',
      'pass',
    ],
    [
      'worth claimed in words that name no value',
      'The new rota helped the business and made a big impact on the residents.',
      'fail',
      'The new rota meant residents waited 20 minutes less for their morning care.',
      'pass',
    ],
    [
      'effort counted is not an outcome',
      'We handled 320 returns over the Christmas weekend.',
      'fail',
      'Returns fell from 320 to 140 a week, which saved about £3,000 a month in courier fees.',
      'pass',
    ],
    [
      'pupils are people served, even as "children"',
      'By July the new pool timetable ran four sessions a week.',
      'fail',
      'By July, 24 of the 28 children in the group could swim 25 metres, up from 9.',
      'partial',
    ],
    [
      'worth the speaker doubts is not yet stated',
      'Hopefully it also cut our courier costs by about 20 percent, I guess.',
      'partial',
      'It also cut our courier costs by about 20 percent.',
      'pass',
    ],
    [
      'a stock claim hung on the change stands for its worth',
      'After the changes the waste went down, which saved money.',
      'fail',
      'After the changes the waste went down and we stopped paying late fees.',
      'pass',
    ],
  ])('%s', (_rule, weak, weakVerdict, real, realVerdict) => {
    expect(part('result', weak, 'business-impact').verdict).toBe(weakVerdict);
    expect(part('result', real, 'business-impact').verdict).toBe(realVerdict);
  });
  it('does not read effort counted with a number as a quantified result', () => {
    expect(part('result', 'I closed 37 tickets and wrote 12 new tests.', 'quantified-result').verdict).toBe(
      'fail',
    );
    expect(part('result', 'Open tickets went from 37 to 12.', 'quantified-result').verdict).toBe('pass');
  });
  it('passes a loss avoided, sized against what would have happened', () => {
    const text = 'We restored everything within two hours instead of losing a week of client work.';
    expect(part('result', text, 'business-impact').verdict).toBe('pass');
    expect(part('result', text, 'quantified-result').verdict).toBe('pass');
  });
  it('does not count a system measure as worth just because users are named', () => {
    const text = 'Latency for our users dropped from 800 ms to 200 ms.';
    expect(part('result', text, 'business-impact').verdict).not.toBe('pass');
  });
  // Issue #14: "saved money" counts only with an amount or with what it bought.
  it('does not count worth sized only as "a lot"', () => {
    expect(part('result', 'It saved the company a lot of money.', 'business-impact').verdict).toBe('fail');
    expect(
      part('result', 'It saved the company about £2,000 a month in overtime.', 'business-impact').verdict,
    ).toBe('pass');
  });
  it.each([
    'The migration took fourteen weeks across 3 time zones, and the switch-over went smoothly.',
    'Vans left on time much more often.',
    'Sales said they liked the new lead forms.',
    'I wrote 37 unit tests and reviewed 12 pull requests.',
    'My goal was to make the handover clearer, and it is clearer now.',
  ])('fails when nothing of worth is said: %s', (text) => {
    expect(part('result', text, 'business-impact').verdict).toBe('fail');
  });
});

describe('second-order-effect', () => {
  it.each([
    'Two other teams adopted my checklist.',
    'It became the standard template for every new service.',
    "It hasn't happened again since.",
    'The rule was later rolled out to all four regions.',
    'Two other classrooms in the school start using the picture cards.',
    'The night shift uses the colour cards now.',
    "The practice's induction checklist for new reception staff is updated with the callback step.",
    'The other porters still fill in the transfer sheet every shift.',
    'Two other stores in my area copy the cabinet idea.',
    'The group later wrote my rota rules into its scheduling standard for all five depots.',
    'The unit kept the drying rota as standing practice for the next deployment.',
    'The exams officer now checks every hall clock the day before each exam series.',
  ])('passes: %s', (text) => {
    expect(part('result', text, 'second-order-effect').verdict).toBe('pass');
  });
  it('is partial for a vague lasting effect', () => {
    expect(
      part('result', 'The claims team kept using the daily report.', 'second-order-effect').verdict,
    ).toBe('partial');
  });
  it('fails when it stops at the fix', () => {
    expect(part('result', 'The bug was fixed.', 'second-order-effect').verdict).toBe('fail');
  });
  it('asks seniors for organisational reach, not only no recurrence', () => {
    const c = part('result', "It hasn't happened again since.", 'second-order-effect', { level: 'senior' });
    expect(c.verdict).toBe('partial');
    expect(c.advice).toMatch(/senior/i);
  });
});

describe('specific-reflection', () => {
  it('passes a lesson tied to the story with a changed habit', () => {
    expect(judge(STRONG, 'specific-reflection').verdict).toBe('pass');
  });
  it.each([
    'I learned that communication is important.',
    'I learned the value of teamwork.',
    'I learned that data quality is very important and that you should always double-check your work.',
    'Never give up.',
  ])('fails a generic lesson: %s', (text) => {
    expect(part('reflection', text, 'specific-reflection').verdict).toBe('fail');
  });
  it('is partial for a generic lesson with some specifics', () => {
    const text =
      'I learned that communication is important, so I now send the depot supervisors a scanner status note before every night shift.';
    expect(part('reflection', text, 'specific-reflection').verdict).toBe('partial');
  });
  it('fails a whole answer with no reflection', () => {
    const { reflection: _, ...noReflection } = STRONG;
    expect(judge(noReflection, 'specific-reflection').verdict).toBe('fail');
  });
});

describe('no-blame', () => {
  it('passes neutral descriptions', () => {
    expect(judge(STRONG, 'no-blame').verdict).toBe('pass');
  });
  it('fails blame and quotes it', () => {
    const c = part(
      'action',
      "My team didn't pull their weight, so I had to do everything myself.",
      'no-blame',
    );
    expect(c.verdict).toBe('fail');
    expect(c.evidence[0]).toContain("didn't pull their weight");
  });
  it('is partial for a dig', () => {
    expect(
      part('action', 'The other team was slow and unhelpful, so I wrote the fix.', 'no-blame').verdict,
    ).toBe('partial');
  });
  // Blame of people by their role, in any tense (fail); digs (partial); what others did or a fault of things,
  // said neutrally (pass).
  it.each([
    ['fail', 'I raised it twice, because the day lead just was not doing his job.'],
    ['fail', 'The planners had no idea what they were doing, so I kept my own log.'],
    ['fail', "The previous technician hadn't bothered to label a single cable."],
    ['fail', 'It was not our fault: the other shift left everything in a mess.'],
    ['fail', 'Half of these claims are fake, because customers just lie to get free stuff.'],
    [
      'fail',
      'That signalling firm are a bunch of cowboys, and you cannot trust contractors to get anything right.',
    ],
    ['partial', 'The associate had a habit of leaving filings to the last day.'],
    ['partial', 'The support team, as usual, had not read the ticket properly.'],
    ['partial', 'My supervisor is nice person but very disorganised.'],
    ['partial', 'The manager not really care what happen on the floor.'],
    ['partial', 'The kit we were sent was the wrong type, which was fairly typical of that lot.'],
    ['partial', 'Some parents are not honest about why the children stay at home.'],
    ['partial', 'She was the kind of client who picks at her nails and then blames us.'],
    ['pass', 'The script told me to reset the router, which did not help.'],
    ['pass', 'I try to own it even if it was not our fault.'],
    ['pass', 'The day lead had two new starters that week, so the handover sheet was often blank.'],
    ['pass', 'I learned that the backup report is useless if nobody knows where it is.'],
    ['pass', 'I put two staff at the old venue with signs for anybody who did not read the message.'],
    ['pass', 'Now before I blame the count, I go and watch the picking on the floor.'],
  ])('gives %s: %s', (verdict, text) => {
    expect(part('situation', text, 'no-blame').verdict).toBe(verdict);
  });
});

describe('concrete-event', () => {
  it('passes one past event', () => {
    expect(judge(STRONG, 'concrete-event').verdict).toBe('pass');
  });
  it('fails a hypothetical answer', () => {
    const text =
      'If a customer complained, I would first listen to them. I would check the order history, and I would offer a refund if needed.';
    expect(judge(text, 'concrete-event').verdict).toBe('fail');
  });
  it('fails a habitual answer', () => {
    const text =
      'I always start my day by checking the queue. Usually I split the work between the agents, and sometimes you have to call customers back.';
    expect(judge(text, 'concrete-event').verdict).toBe('fail');
  });
  it('accepts "I would" in a reflection about doing it differently', () => {
    const answer = { ...STRONG, reflection: 'Next time I would involve the night shift from the first day.' };
    expect(judge(answer, 'concrete-event').verdict).toBe('pass');
  });
});

describe('answer-length', () => {
  it('passes about two minutes, with per-part timing measured (not quoted as evidence)', () => {
    const answer = { ...STRONG, action: `${STRONG.action} ${words(80, 'detail')}.` };
    const c = judge(answer, 'answer-length');
    expect(c.verdict).toBe('pass');
    expect(c.measured).toMatch(/Situation \d+ s of 45 s/);
    expect(c.evidence).toEqual([]);
  });
  it('is partial a little short or long, and fails far outside', () => {
    expect(judge({ action: words(180) }, 'answer-length').verdict).toBe('partial');
    expect(judge({ action: words(40) }, 'answer-length').verdict).toBe('fail');
    expect(judge({ action: words(700) }, 'answer-length').verdict).toBe('fail');
  });
  it('is n/a for a single section', () => {
    expect(part('result', STRONG.result, 'answer-length').verdict).toBe('n/a');
  });
});

describe('confident-language', () => {
  it('passes direct language', () => {
    expect(judge(STRONG, 'confident-language').verdict).toBe('pass');
  });
  it('fails heavy hedging and quotes the hedges', () => {
    const c = part(
      'action',
      'I kind of basically looked at the logs and I think maybe found something.',
      'confident-language',
    );
    expect(c.verdict).toBe('fail');
    expect(c.evidence.join(' ')).toContain('kind of');
  });
  it('is partial for a few hedges in a longer answer', () => {
    const action = `I think I basically pulled three months of scans. ${STRONG.action} I kind of checked it again, and I guess it sort of held, maybe.`;
    const answer = { ...STRONG, action };
    expect(judge(answer, 'confident-language').verdict).toBe('partial');
  });
  it('ignores hedges inside quoted speech', () => {
    const answer = {
      ...STRONG,
      situation: `A client wrote: "I think maybe the parcels are kind of late, basically every day, you know?" ${STRONG.situation}`,
    };
    expect(judge(answer, 'confident-language').verdict).toBe('pass');
  });
});
