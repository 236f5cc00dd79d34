import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContentError, loadContent } from '../../src/content/load.ts';
import { kindsOf } from '../../src/rubric/follow-up-kinds.ts';
import { gradeFollowUp, judgeFollowUp, selectFollowUps } from '../../src/rubric/follow-ups.ts';
import { TempContent } from '../helpers/temp-content.ts';
import { bankWith, followUpRules } from './fixtures.ts';

const bank = bankWith();
const rules = followUpRules();
const probes = rules.probes;
const seed = bank.questions[0]!;
const followUp = (id: string) => seed.followUps.find((f) => f.id === id)!;
const DIFFERENTLY = 'Looking back, what would you do differently?';

/** Every reason carries a quotation, and every quotation is an exact slice of the reply. */
function expectVerbatimReasons(reply: string, reasons: readonly string[]) {
  expect(reasons.length).toBeGreaterThan(0);
  for (const reason of reasons) {
    const quote = /"(.+)"$/.exec(reason)?.[1];
    expect(quote, reason).toBeDefined();
    expect(reply).toContain(quote);
  }
}

describe('judgeFollowUp', () => {
  it('fails the reply from issue 15: it answers nothing about doing differently, and it hands off', () => {
    const reply = 'I sent them a Slack message and they handled it.';
    const graded = judgeFollowUp(reply, DIFFERENTLY, rules);
    expect(graded.verdict).toBe('fail');
    expect(graded.kinds).toEqual(['differently']);
    expect(graded.reasons.join('\n')).toMatch(/Does not say what you would do differently/);
    expect(graded.reasons.join('\n')).toMatch(/Hands the problem to someone else/);
    expectVerbatimReasons(reply, graded.reasons);
  });

  it('passes a specific, owned answer to what was asked, in words no stored example uses', () => {
    const reply =
      'I would write the retry budget into the integration contract with the payments team before go-live, and page whoever is on call when more than 1% of deliveries land in the dead-letter queue in an hour.';
    const graded = judgeFollowUp(reply, DIFFERENTLY, rules);
    expect(graded.verdict).toBe('pass');
    expectVerbatimReasons(reply, graded.reasons);
  });

  it('fails a specific answer to a different question: relevance comes first', () => {
    const reply =
      'The drop rate went from 3% to zero within a week, and merchants stopped filing tickets about missing orders, which saved support about 40 hours a month.';
    expect(judgeFollowUp(reply, DIFFERENTLY, rules).verdict).toBe('fail');
  });

  it('is partial for an owned answer that is on the right track but thin', () => {
    const graded = judgeFollowUp(
      'Because the duplicate charges were hitting customers’ overdrafts and the weekend would have made it worse.',
      'Why did you refund customers before finance approved it?',
      rules,
    );
    expect(graded.verdict).toBe('partial');
  });

  it('is partial when the detail is there but the speaker says "we", not "I"', () => {
    const graded = judgeFollowUp(
      'We picked items from every shift and every grader, about 300 in total, across two weeks.',
      'How did you make sure the sample was fair?',
      rules,
    );
    expect(graded.verdict).toBe('partial');
    expect(graded.reasons.join('\n')).toMatch(/Says what "we" did/);
  });

  it('fails handing off even when asked how, and blaming people', () => {
    expect(
      judgeFollowUp(
        'I raised a ticket with the BI team and they fixed it the following sprint.',
        'How did you fix the report?',
        rules,
      ).verdict,
    ).toBe('fail');
    const blame = judgeFollowUp(
      'Most of the drivers were lazy and wanted to cut corners, so I made the walkway mandatory from Monday.',
      'How did the drivers react to the new rule?',
      rules,
    );
    expect(blame.verdict).toBe('fail');
    expect(blame.reasons.join('\n')).toMatch(/Puts the fault on other people/);
  });

  it('does not count handing over as evasion when the question is about handing over', () => {
    const reply =
      'Keeping it would have made me the single point of failure for a payments job, so I handed it to the finance engineering team with a runbook, two recorded walkthroughs and a month of shadowing.';
    expect(
      judgeFollowUp(reply, 'Why hand it over? Wouldn’t it be simpler to keep owning it?', rules).verdict,
    ).toBe('pass');
  });

  it('judges a question of no recognised kind on whether the reply takes up what it asks about', () => {
    const question = 'Tell me about the rounding mismatches.';
    expect(kindsOf(question, rules).map((k) => k.id)).toEqual(['how']);
    const odd = 'Which vendor dashboards still matter to the night team?';
    expect(kindsOf(odd, rules).map((k) => k.id)).toEqual(['which']);
    const unknown = 'Any thoughts on the vendor dashboards now?';
    expect(kindsOf(unknown, rules)).toEqual([]);
    expect(
      judgeFollowUp(
        'I switched two of the vendor dashboards off in May and nobody asked for them back; the other three are still opened every morning by the night team.',
        unknown,
        rules,
      ).verdict,
    ).toBe('pass');
    expect(
      judgeFollowUp(
        'The migration finished two days early and the finance team was really pleased with how it went.',
        unknown,
        rules,
      ).verdict,
    ).toBe('fail');
  });

  it('reads the kinds clause by clause, ignoring the statement before the question', () => {
    expect(kindsOf(followUp('hardest-part').question, rules).map((k) => k.id)).toEqual(['hardest', 'how']);
    expect(
      kindsOf('A two-person check slows everything down. Why was it the right fix?', rules).map((k) => k.id),
    ).toEqual(['why']);
    expect(
      kindsOf('Gates and paint cost money. How did you get that approved?', rules).map((k) => k.id),
    ).toEqual(['persuade']);
  });

  it('takes a verbless opening as naming the hardest part, and a will/would step as what you would change', () => {
    const hardest = judgeFollowUp(
      'The night porters. They moved the beds for cleaning and unplugged the alarms, so I met both of them on the 22:00 round and taped a "do not unplug" card to all 14 sockets.',
      'What was the hardest part?',
      rules,
    );
    expect(hardest.verdict).toBe('pass');
    expect(hardest.reasons[0]).toBe('Answers the hardest part: "The night porters."');
    const plan = judgeFollowUp(
      'Next time I will send the new rota to the four shift leads a week before, and I will check it with each of them on the Monday.',
      DIFFERENTLY,
      rules,
    );
    expect(plan.verdict).toBe('pass');
    expect(
      judgeFollowUp("Honestly, I don't think I'd change much, it went fine.", DIFFERENTLY, rules).verdict,
    ).toBe('fail');
  });

  it('fails a reply that only speaks in general, and wants a figure before evidence passes', () => {
    expect(
      judgeFollowUp(
        'Safety is the most important thing on any site, and I always believe in leading by example for everyone.',
        'Why did you stop the line?',
        rules,
      ).verdict,
    ).toBe('fail');
    const measured = 'How did you measure the drop in complaints?';
    expect(
      judgeFollowUp(
        'I compared the complaints log for the month before and the month after the change, and there were clearly fewer about late deliveries.',
        measured,
        rules,
      ).verdict,
    ).toBe('partial');
    expect(
      judgeFollowUp(
        'I compared the complaints log for the month before and the month after the new cut-off: late-delivery complaints went from 31 to 12, while complaints about everything else stayed at about 20, so the drop was the cut-off.',
        measured,
        rules,
      ).verdict,
    ).toBe('pass');
  });

  it('is partial when someone else did part of the work, and counts a step of the speaker’s beside a hand-on', () => {
    const part = judgeFollowUp(
      'I pulled the 240 refund tickets for March from the queue myself and tagged each with the day it reached finance. The timeline analysis was done by a colleague in the BI team.',
      'How did you find where the delay was?',
      rules,
    );
    expect(part.verdict).toBe('partial');
    expect(part.reasons.join('\n')).toMatch(/Hands part of it to someone else/);
    expect(
      judgeFollowUp(
        'I asked my supervisor to ring the customer back.',
        'How did you handle the angry customer?',
        rules,
      ).verdict,
    ).toBe('fail');
  });

  it('fails a reply whose only steps pass the work on while someone else does it, however it is worded', () => {
    const question = 'How did you handle the double-booked delivery slot?';
    const routed = judgeFollowUp(
      'First I made sure the depot knew. I phone the transport planner and I email the supplier with the booking number, and the planner move the second lorry to the afternoon.',
      question,
      rules,
    );
    expect(routed.verdict).toBe('fail');
    expect(routed.reasons.join('\n')).toMatch(/Passes it on and someone else does the work/);
    expectVerbatimReasons(
      'First I made sure the depot knew. I phone the transport planner and I email the supplier with the booking number, and the planner move the second lorry to the afternoon.',
      routed.reasons,
    );
    // A step of the speaker's own besides the phone call is not routing.
    const owned = judgeFollowUp(
      'I phoned the transport planner, then I re-cut the dock plan myself: the second lorry went to door 6 at 14:00, and I unloaded it with two pickers in 40 minutes.',
      question,
      rules,
    );
    expect(owned.verdict).toBe('pass');
    // A plan that only flags it and lets others do the work is routing too.
    expect(
      judgeFollowUp(
        "Next time I'd flag the clash to the shift manager straight away and let the planners sort it out.",
        DIFFERENTLY,
        rules,
      ).verdict,
    ).toBe('fail');
    // When telling is what was asked, telling is the answer.
    expect(
      judgeFollowUp(
        'I told the supplier on the Monday call that the second lorry would wait until 14:00, and I emailed him the new slot and door number the same hour.',
        'What did you say to the supplier?',
        rules,
      ).verdict,
    ).toBe('pass');
  });

  it('fails values and habits offered as the reason, and takes a gerund phrase as naming the hardest part', () => {
    expect(
      judgeFollowUp(
        'I believe every customer deserves honesty. I always try to own problems myself because it shows people you respect them. Trust is something I really value.',
        'Why did you call the customer yourself instead of leaving it to the account manager?',
        rules,
      ).verdict,
    ).toBe('fail');
    const hardest = judgeFollowUp(
      'Choosing which of the two suppliers to drop. I compared their last 12 deliveries: one was late 5 times, so I moved our Friday order to the other from March.',
      'What was the hardest part?',
      rules,
    );
    expect(hardest.verdict).toBe('pass');
    expect(hardest.reasons[0]).toBe(
      'Answers the hardest part: "Choosing which of the two suppliers to drop."',
    );
  });

  it('fails an empty or one-word reply', () => {
    expect(judgeFollowUp('', DIFFERENTLY, rules)).toMatchObject({ verdict: 'fail', reasons: [] });
    expect(judgeFollowUp('Nothing.', DIFFERENTLY, rules).verdict).toBe('fail');
  });

  // Round 3 (issue #15): mechanisms, checked on replies written for these tests, not taken from a corpus.
  it('reads a sentence wrapped over two lines as one sentence, and still quotes it verbatim', () => {
    const reply =
      'I pulled the 40 delivery notes for March and compared each one with the\ninvoice line by line; three were billed twice.';
    const graded = judgeFollowUp(reply, 'How did you know the invoices were wrong?', rules);
    expect(graded.verdict).toBe('pass');
    for (const reason of graded.reasons) expect(reply).toContain(/"([\s\S]+)"$/.exec(reason)?.[1]);
  });

  it('gives half marks to a two-part question answered in one part only, however specific that part', () => {
    const reply =
      'The hardest part was the night porter: he had no key to the plant room, and the boiler alarm kept going off every twenty minutes.';
    const graded = judgeFollowUp(reply, 'What was the hardest part, and how did you deal with it?', rules);
    expect(graded.verdict).toBe('partial');
  });

  it('gives half marks when one of two parts is answered only in words any story has', () => {
    const reply =
      'Because the meter had been swapped on 3 May by a contractor, and the daily readings doubled from 40 to 80 units the week after. I did some more checks and sorted it out in the end.';
    const question = 'What made you suspect the meter, and how did you check?';
    expect(judgeFollowUp(reply, question, rules).verdict).toBe('partial');
  });

  it('fails values and generalities given for what the speaker did', () => {
    const reply =
      'Every tenant deserves to feel heard. You have to stay patient whatever happens, and I pride myself on that.';
    expect(judgeFollowUp(reply, 'What did you do first?', rules).verdict).toBe('fail');
  });

  it('does not take what the speaker did for how they knew it worked', () => {
    const reply =
      'I rewrote the rota so each of the 12 drivers had a fixed start, and I moved the van checks to the night before.';
    expect(judgeFollowUp(reply, 'How did you know the new rota worked?', rules).verdict).toBe('fail');
  });

  it('reads a reply opening on a bare verb as a plan', () => {
    const reply = 'Book the second crane a week earlier. The delay cost us four days of hire at £900 a day.';
    expect(judgeFollowUp(reply, DIFFERENTLY, rules).verdict).toBe('pass');
  });

  // Round 4 (issue #15): mechanisms, checked on replies written for these tests, not taken from a corpus.
  it('reads more question forms: giving up, one thing to change, the first sign, what it involved, what went wrong', () => {
    const ids = (q: string) => kindsOf(q, rules).map((k) => k.id);
    expect(ids('What did you give up to keep the launch date?')).toEqual(['trade-off']);
    expect(ids('If you planned the festival again, what is one thing you would change?')).toEqual([
      'differently',
    ]);
    expect(ids('What was the first sign the supplier was in trouble?')).toEqual(['finding']);
    expect(ids('What first told you the pump was failing?')).toEqual(['finding']);
    expect(ids('What did running the night shift involve?')).toEqual(['how']);
    expect(ids('What went wrong on the first day?')).toEqual(['went-wrong']);
  });

  it('names a fault for what went wrong, not the story told again', () => {
    const question = 'What went wrong with the stock count?';
    const retold =
      'The count covered 3,000 lines across two warehouses. I planned it in August, briefed the 14 counters and ran it over one weekend.';
    expect(judgeFollowUp(retold, question, rules).verdict).toBe('fail');
    const fault =
      'Nobody had frozen the goods-in dock, so 40 pallets arrived mid-count and were counted twice. I reran those aisles on the Monday.';
    expect(judgeFollowUp(fault, question, rules).verdict).toBe('pass');
  });

  it('takes radioing someone as passing it on', () => {
    const reply = 'I radioed the gatehouse and they sent a guard over. He locked the gate and logged it.';
    expect(judgeFollowUp(reply, 'What did you do when you found the gate unlocked?', rules).verdict).toBe(
      'fail',
    );
  });

  it('counts no detail in sentences about any case, and gives half marks to a reply mostly made of them', () => {
    const reply =
      'You have to keep calm whatever the shift throws at you. I always check the sickest patient first. That night the hardest part was the man in bay 3, whose oxygen dropped to 86% twice before midnight.';
    expect(judgeFollowUp(reply, 'What was the hardest part of that shift?', rules).verdict).toBe('partial');
  });

  it('fails "what did you do" answered with no step of the speaker’s, whatever else it tells', () => {
    const reply =
      'The contractor had gone bust in March and the council froze every payment to them. The tenants on floor 6 had no heating for eleven days, and there was nothing I could do about the frozen account.';
    expect(judgeFollowUp(reply, 'What did you do when the heating failed?', rules).verdict).toBe('fail');
  });

  it('gives half marks when a clause asking what the speaker did is left out', () => {
    const reply =
      'It showed that 70% of the late orders came from one courier, and most of them on Fridays after 4pm.';
    const question = 'What did the report show, and what did you change because of it?';
    expect(judgeFollowUp(reply, question, rules).verdict).toBe('partial');
  });

  it('takes a judgement given as the reason for a vague one, however well dressed', () => {
    const reply =
      'I asked Dana Okafor because she was the right person for it, and it made sense to have her run the review before the audit on 12 May.';
    expect(judgeFollowUp(reply, 'Why did you ask Dana to run the review?', rules).verdict).toBe('partial');
  });

  it('takes what the evidence showed as the reason', () => {
    const reply =
      'The footfall count showed 80% of visitors never reached the back wall, where the new titles were. I moved them to the front table and sales of new titles doubled in three weeks.';
    expect(judgeFollowUp(reply, 'Why did you move the new titles?', rules).verdict).toBe('pass');
  });

  it('wants a step taken with the people for how they were won over, not work on the problem alone', () => {
    const question = 'How did you convince the landlord to accept the later move-in date?';
    const workOnly =
      'The survey found damp in two of the 6 rooms. I re-planned the fit-out so the dry rooms were done first, which saved about five days.';
    expect(judgeFollowUp(workOnly, question, rules).verdict).toBe('fail');
    const withThem =
      'I took him round the two damp rooms with the surveyor’s report and offered to cover the first 5 days of rent. He signed the new date that afternoon.';
    expect(judgeFollowUp(withThem, question, rules).verdict).toBe('pass');
  });

  it('keeps a story told over several sentences in its own words thin, not vague, however hedged', () => {
    const reply =
      'I sat down with the baker a couple of times and showed him the waste bins at closing. Eventually he came round. I think he could see the trays of unsold rolls.';
    expect(judgeFollowUp(reply, 'How did you get the baker to cut the late batch?', rules).verdict).toBe(
      'partial',
    );
  });

  it('takes what the person was seen to do as evidence, thin without a figure of its own', () => {
    const reply =
      'After thirty years in the job you just get a sense. He was reading the labels aloud without prompting and he stopped asking me for the codes.';
    expect(judgeFollowUp(reply, 'How did you know he was ready to work alone?', rules).verdict).toBe(
      'partial',
    );
    const feeling =
      'I just had a good feeling once the change was in. Sometimes you just know, and this was one of those times.';
    expect(judgeFollowUp(feeling, 'How did you know the fix had worked?', rules).verdict).toBe('fail');
  });
});

describe('gradeFollowUp', () => {
  it('never reads the stored examples: the verdict is the same with or without them, or with another’s', () => {
    for (const f of seed.followUps) {
      for (const reply of [f.bad, f.good]) {
        const alone = gradeFollowUp(reply, f.question, rules);
        const other = seed.followUps.find((o) => o.id !== f.id)!;
        expect(gradeFollowUp(reply, f.question, rules, f)).toMatchObject({
          verdict: alone.verdict,
          reasons: alone.reasons,
        });
        expect(gradeFollowUp(reply, f.question, rules, other).verdict).toBe(alone.verdict);
      }
    }
  });

  it('returns the stored follow-up’s contrast to show, when given one', () => {
    const f = followUp('why-not-escalate');
    expect(gradeFollowUp('I sent them a message.', f.question, rules, f).contrast).toEqual({
      bad: f.bad,
      why: f.why,
      good: f.good,
      source: 'follow-up',
    });
    expect(gradeFollowUp('I sent them a message.', f.question, rules).contrast).toBeUndefined();
  });
});

describe('own-words follow-up', () => {
  const answer = {
    situation: 'Our webhook drop rate climbed to 3% in March.',
    action:
      'We looked at the logs for a few days. I wrote a fix for the retry timeout and tested it against 200 replayed webhooks.',
    result: 'The drop rate fell to zero and we recovered about $8K a week.',
  };

  it('quotes the weakest sentence verbatim and probes it', () => {
    const asked = selectFollowUps(seed, [], 'mid', undefined, { parts: answer, probes });
    const own = asked.at(-1)!;
    expect(own.id).toBe('own-words');
    expect(own.question).toBe(
      "You said 'We looked at the logs for a few days': what did you look for first, and what did it show?",
    );
    expect(asked.slice(0, -1).every((f) => seed.followUps.some((s) => s.id === f.id))).toBe(true);
  });

  it('asks for the measure behind a result with no number, and for the speaker’s part of a "we" step', () => {
    const unmeasured = selectFollowUps(undefined, [], 'mid', undefined, {
      parts: {
        action: 'I rewrote the export job in two days and reran it against last month’s data.',
        result: 'The reports got a lot faster after that.',
      },
      probes,
    });
    expect(unmeasured).toEqual([
      {
        id: 'own-words',
        question:
          "You said 'The reports got a lot faster after that': by how much, and how did you measure it?",
      },
    ]);
    const shared = selectFollowUps(undefined, [], 'mid', undefined, {
      parts: {
        action: 'The team rebuilt the dashboard over the summer.',
      },
      probes,
    });
    expect(shared[0]?.question).toBe(
      "You said 'The team rebuilt the dashboard over the summer': which part of that did you do yourself, and how?",
    );
  });

  it('keeps a long sentence’s quote short: the clause around the weak words', () => {
    const long =
      'After the incident review on Thursday, with the whole platform group and two product managers in the room, we looked into the retry settings, which had not changed since 2019.';
    const own = selectFollowUps(undefined, [], 'mid', undefined, { parts: { action: long }, probes })[0]!;
    const quote = /^You said '(.+)':/.exec(own.question)?.[1] ?? '';
    expect(long).toContain(quote);
    expect(quote).toBe('we looked into the retry settings');
  });

  it('is graded on its own question like any follow-up', () => {
    const question =
      "You said 'We looked at the logs for a few days': what did you look for first, and what did it show?";
    expect(
      judgeFollowUp('We looked for anything unusual and eventually found the problem.', question, rules)
        .verdict,
    ).toBe('fail');
    expect(
      judgeFollowUp(
        'I filtered the webhook logs for 5xx responses and saw the same 30-second gap before each drop, which pointed at the retry client timing out.',
        question,
        rules,
      ).verdict,
    ).toBe('pass');
  });
});

describe('content/follow-up-kinds.yaml', () => {
  it('is valid: the content loader reads it into the bank', () => {
    expect(loadContent(undefined, { cacheDir: null }).followUpKinds.kinds.length).toBeGreaterThan(0);
  });

  it('reports a broken pattern or a missing field, naming the file and the field', () => {
    const content = new TempContent({ withBundled: true });
    const file = join(content.root, 'follow-up-kinds.yaml');
    const text = readFileSync(file, 'utf8');
    const problemsOf = () => {
      try {
        loadContent(content.root);
        return [];
      } catch (error) {
        expect(error).toBeInstanceOf(ContentError);
        return (error as ContentError).problems;
      }
    };
    try {
      writeFileSync(file, text.replace('different(?:ly)?', 'different(ly'));
      expect(problemsOf()).toEqual([
        'follow-up-kinds.yaml: kinds.[0].asks.[0]: must be a valid regular expression',
      ]);
      writeFileSync(file, text.replace(/\n {4}advice: .Say what you would change[^\n]*/, ''));
      expect(problemsOf()[0]).toMatch(/^follow-up-kinds\.yaml: kinds\.\[0\]\.advice: /);
    } finally {
      content.remove();
    }
  });

  it('is taken from the bundled content when a content folder has none of its own', () => {
    const content = new TempContent({ withBundled: true });
    try {
      rmSync(join(content.root, 'follow-up-kinds.yaml'));
      expect(loadContent(content.root).followUpKinds).toEqual(loadContent().followUpKinds);
    } finally {
      content.remove();
    }
  });
});
