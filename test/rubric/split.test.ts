import { describe, expect, it } from 'vitest';
import { splitAnswer } from '../../src/rubric/index.ts';
import { cueScores } from '../../src/rubric/split-cues.ts';

const STORY = {
  situation: 'I was a support lead at an online shop, and refunds were taking nine days.',
  task: 'Refunds were not my team’s job, but nobody owned the delay, so I decided to fix it.',
  action: 'I pulled 300 refund tickets, mapped every step and drafted an auto-approval rule.',
  result: 'Refund time went from nine days to two, and complaints halved.',
  reflection: 'I learned that delays hide in hand-offs nobody owns.',
};

function labelled(format: (label: string) => string): string {
  const names = ['Situation', 'Task', 'Action', 'Result', 'Reflection'] as const;
  return names.map((name) => `${format(name)}${STORY[name.toLowerCase() as keyof typeof STORY]}`).join('\n');
}

describe('splitAnswer with explicit labels', () => {
  it.each([
    ['"Situation:"', (l: string) => `${l}: `],
    ['"**Situation**"', (l: string) => `**${l}** `],
    ['"**Situation:**"', (l: string) => `**${l}:** `],
    ['"## Situation" headings', (l: string) => `## ${l}\n`],
    ['"- Situation -" bullets', (l: string) => `- ${l} - `],
    ['"• Situation:" bullets', (l: string) => `• ${l}: `],
    ['upper case "SITUATION:"', (l: string) => `${l.toUpperCase()}: `],
    ['numbered "1. Situation:"', (l: string) => `1. ${l}: `],
    ['"[Situation]"', (l: string) => `[${l}] `],
  ])('reads %s', (_, format) => {
    const parts = splitAnswer(labelled(format));
    expect(parts.situation).toContain('refunds were taking nine days');
    expect(parts.task).toContain('nobody owned the delay');
    expect(parts.action).toContain('pulled 300 refund tickets');
    expect(parts.result).toContain('nine days to two');
    expect(parts.reflection).toContain('hand-offs nobody owns');
    expect(parts.situation).not.toMatch(/situation/i);
  });

  it.each([
    ['"S:"', (l: string) => `${l[0]}: `],
    ['"(S)"', (l: string) => `(${l[0]}) `],
    ['"S -"', (l: string) => `${l[0]} - `],
  ])('reads single-letter labels %s', (_, format) => {
    const parts = splitAnswer(labelled(format));
    expect(parts.situation).toContain('refunds were taking nine days');
    expect(parts.action).toContain('pulled 300 refund tickets');
    expect(parts.result).toContain('nine days to two');
  });

  it('reads emoji labels such as "🎯 Task:"', () => {
    const text = `📍 Situation: ${STORY.situation}\n🎯 Task: ${STORY.task}\n🛠️ Action: ${STORY.action}\n📈 Result: ${STORY.result}`;
    const parts = splitAnswer(text);
    expect(parts.task).toBe(STORY.task.replace('’', "'"));
    expect(parts.result).toBe(STORY.result);
  });

  it('reads labels in the middle of a paragraph', () => {
    const text = `Situation: ${STORY.situation} Task: ${STORY.task} Action: ${STORY.action} Result: ${STORY.result}`;
    const parts = splitAnswer(text);
    expect(parts.situation).toBe(STORY.situation);
    expect(parts.action).toBe(STORY.action);
    expect(parts.result).toBe(STORY.result);
  });

  it('maps other label words: Context, Goal, Approach, Outcome, Lessons learned, (L)', () => {
    const text = [
      `Context: ${STORY.situation}`,
      `Goal: ${STORY.task}`,
      `Approach: ${STORY.action}`,
      `Outcome: ${STORY.result}`,
      `(L) ${STORY.reflection}`,
    ].join('\n');
    const parts = splitAnswer(text);
    expect(Object.keys(parts)).toEqual(['situation', 'task', 'action', 'result', 'reflection']);
  });

  it('drops a short greeting before the first label and keeps a longer preamble as context', () => {
    expect(
      splitAnswer(`Sure, here is my answer:\nSituation: ${STORY.situation}\nAction: ${STORY.action}`)
        .situation,
    ).toBe(STORY.situation);
    const preamble = 'At my last company I ran the support team for the whole of Europe and the Middle East.';
    const parts = splitAnswer(`${preamble}\nTask: ${STORY.task}\nAction: ${STORY.action}`);
    expect(parts.situation).toBe(preamble);
  });

  it('keeps a fenced code block with its part', () => {
    const text = `Situation: ${STORY.situation}\nAction: ${STORY.action}\n\`\`\`sql\nSELECT *\n\nFROM refunds;\n\`\`\`\nResult: ${STORY.result}`;
    const parts = splitAnswer(text);
    expect(parts.action).toContain('SELECT *');
    expect(parts.result).toBe(STORY.result);
  });
});

describe('splitAnswer by cues', () => {
  it('splits an unlabelled single paragraph by its cues', () => {
    const text = [
      'Last year I was a backend engineer at a marketplace, and about 0.3% of order webhooks were silently disappearing.',
      "The delivery service wasn't my team's and there was no ticket, but I decided to find the root cause.",
      'I pulled a week of delivery logs and joined them against the order database.',
      'I reproduced the drop in staging and wrote a fix that persisted pending retries.',
      'As a result, the drop rate went from 0.3% to zero and we recovered about $8K a week.',
      'I learned that nobody watched the hand-off between teams, so I now add an end-to-end check.',
    ].join(' ');
    const parts = splitAnswer(text);
    expect(parts.situation).toMatch(/^Last year I was a backend engineer/);
    expect(parts.task).toMatch(/^The delivery service wasn't my team's/);
    expect(parts.action).toMatch(/^I pulled a week of delivery logs.*wrote a fix/);
    expect(parts.result).toMatch(/^As a result/);
    expect(parts.reflection).toMatch(/^I learned/);
  });

  it('uses paragraphs as the natural places to move from one part to the next', () => {
    const text = [
      'When I joined the clinic as practice manager, patients waited 25 minutes past their appointment time on average.',
      'Scheduling belonged to the head receptionist, but I offered to look at it because complaints were rising.',
      'I timed every appointment for two weeks and found that the first slot each morning always overran. I moved the admin block to 8:30, added five-minute buffers after long procedures, and showed the receptionists how to book them. Then I checked the waiting times again every Friday for a month.',
      'Average waiting time fell from 25 minutes to 8, and complaints about waiting dropped from 12 a month to 2. The other two clinics in the group copied the buffer rule.',
      'What I took from it is that one late slot early in the day sets the pace for the rest. Now, before I change a rota, I look at the first hour first.',
    ].join('\n\n');
    const parts = splitAnswer(text);
    expect(parts.situation).toMatch(/^When I joined the clinic/);
    expect(parts.task).toMatch(/^Scheduling belonged/);
    expect(parts.action).toMatch(/^I timed every appointment.*every Friday for a month\.$/);
    expect(parts.result).toMatch(/^Average waiting time fell.*copied the buffer rule\.$/);
    expect(parts.reflection).toMatch(/^What I took from it/);
  });

  it('keeps a one-line answer whole, as what was done', () => {
    expect(splitAnswer('I fixed a bug and it worked.')).toEqual({ action: 'I fixed a bug and it worked.' });
  });

  it('reads curly quotes and emoji between sentences', () => {
    const parts = splitAnswer(
      'Last spring I organised our first webinar series 🎉 Nobody asked me to, I decided to try it. I picked three topics and built the pages myself. The webinars got 640 registrations and 38 demo requests afterwards. I learned that customers’ own questions make the best topics.',
    );
    expect(parts.situation).toBe('Last spring I organised our first webinar series.');
    expect(parts.result).toContain('640 registrations');
    expect(parts.reflection).toBe("I learned that customers' own questions make the best topics.");
  });

  it('reads a vague outcome as a (weak) Result, not as more Action', () => {
    const parts = splitAnswer(
      'Last year our checkout kept failing for some customers. My manager asked me to look into it. We looked at the logs together and it was fixed. Things got a lot better and everyone was happy. I learned that communication is important.',
    );
    expect(parts.action).toBe('We looked at the logs together and it was fixed.');
    expect(parts.result).toBe('Things got a lot better and everyone was happy.');
  });

  const RESULT = 3;
  const claims = (outcome: string) =>
    `I was a claims assistant at an insurer and our shared inbox had grown to 1,200 emails. Nobody owned it, so I volunteered to sort it out. I set up routing rules and wrote eight reply templates. ${outcome} I learned that every shared queue needs a named owner.`;

  it.each([
    'After a couple of months the inbox was much smaller and customers heard back a lot sooner.',
    'About three weeks later the inbox was much smaller and customers heard back a lot sooner.',
    'Over the years the inbox stayed small and customers heard back a lot sooner.',
  ])('reads a sentence opening with time passing as the Result: %s', (outcome) => {
    expect(splitAnswer(claims(outcome)).result).toBe(outcome);
  });

  it('keeps time passing in the Situation or Action when what follows is not an outcome', () => {
    const parts = splitAnswer(
      'I was a data analyst at a retailer. After a few months in the role, I noticed that the weekly stock report was always wrong. Nobody owned it, so I decided to fix it. I traced every column back to its source. Two weeks later I rewrote the joins. I learned to check the sources first.',
    );
    expect(parts.situation).toMatch(/After a few months in the role/);
    expect(parts.action).toMatch(/Two weeks later I rewrote the joins\.$/);
    expect(parts.result).toBeUndefined();
  });

  it.each([
    'It worked out well and the prospect signed.',
    'That did the trick, and the client renewed for two more years.',
  ])('reads a verdict on the approach or a deal closing as the Result: %s', (outcome) => {
    expect(splitAnswer(claims(outcome)).result).toBe(outcome);
  });

  it('does not read "worked until", "worked by", churn or a lost renewal as a verdict', () => {
    expect(cueScores('the nightly job worked until the new vendor arrived.')[RESULT]).toBe(0);
    expect(cueScores('our old scheduler worked by polling every minute.')[RESULT]).toBe(0);
    expect(cueScores('it worked out until march.')[RESULT]).toBe(0);
    expect(cueScores('two customers closed their accounts.')[RESULT]).toBe(0);
    expect(cueScores('the client never renewed.')[RESULT]).toBe(0);
    const parts = splitAnswer(
      'Our old scheduler worked by polling every minute, and it kept missing jobs. I was asked to fix it. I replaced polling with a queue and tested it for a week.',
    );
    expect(parts.situation).toMatch(/^Our old scheduler worked by polling/);
    expect(parts.result).toBeUndefined();
  });

  it('finds an outcome told in the present inside the paragraph of the steps', () => {
    const text =
      'One morning a new driver nearly takes the wrong pallet of frozen food to a school. I stop him at the gate.\n\n' +
      'Nobody ask me, but I decide to fix the loading sheet. I print a bay map and I put colour labels on every frozen pallet. ' +
      'I show the map to all nine drivers. In the next four months we have zero wrong loads, before we have five in one month. ' +
      'The depot manager now uses the map in the other two depots.\n\n' +
      'I learn that a sheet nobody can read at the gate is not a check. Now I test every new form at the gate first.';
    const parts = splitAnswer(text);
    expect(parts.result).toContain('zero wrong loads');
    expect(parts.action).toContain('colour labels');
  });
  it('reads "by 3am ... back at" as the outcome and "what I\'ve learned" as the reflection, in the present', () => {
    const text =
      "It's a Sunday night and I'm the only operator on site. At 11pm I see the cold room reading 9°C when it should be 4.\n\n" +
      'The cold room is mine overnight, so I act before calling anyone.\n\n' +
      'I check the compressor first, and it is running, so I move the dairy to the second room and prop the door fan. I log the readings every 20 minutes.\n\n' +
      'By 3am the room is back at 4°C, and we keep all the stock.\n\n' +
      "What I've learned is that a running compressor can still fail to cool. Now on my rounds I read the room thermometer, not only the panel.";
    const parts = splitAnswer(text);
    expect(parts.result).toContain('By 3am');
    expect(parts.reflection).toContain("What I've learned");
  });
  it('returns no parts for empty or blank text', () => {
    expect(splitAnswer('')).toEqual({});
    expect(splitAnswer('   \n\n  ')).toEqual({});
  });
});
