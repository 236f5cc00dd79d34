import { afterAll, describe, expect, it } from 'vitest';
import { runContentCheck } from '../../src/cli/content-check.ts';
import { runPractice } from '../../src/cli/practice.ts';
import { loadContent } from '../../src/content/load.ts';
import {
  contentWithRetail,
  contentWithTestPack,
  loadFrom,
  RETAIL_ID,
  SEED_ID,
  TEST_PACK,
  TEST_PRINCIPLE,
} from '../helpers/pack-fixtures.ts';
import { practiceSetup, scripted, TERMINAL_USER } from '../helpers/practice-io.ts';

const key = TERMINAL_USER;
const setup = practiceSetup;

describe('practice --family', () => {
  const content = contentWithRetail();
  const bank = loadFrom(content);
  afterAll(() => content.remove());
  const seed = bank.questions.find((q) => q.id === SEED_ID)!;
  const retail = bank.questions.find((q) => q.id === RETAIL_ID)!;
  const weakAnswer = [
    'hint',
    seed.parts.situation.good,
    seed.parts.task.good,
    seed.parts.action.bad,
    seed.parts.result.good,
    seed.parts.reflection.good,
    'stop',
  ];

  it('a retail associate who sets family retail sees a retail contrast on a question whose own walkthrough is from another family', async () => {
    expect(seed.jobFamily).toBe('software-engineering');
    const { store, deps } = await setup(bank);
    const io = scripted(weakAnswer);
    expect(await runPractice(['--family', 'retail', '--question', SEED_ID], io, deps)).toBe(0);
    expect((await store.getUser(key))?.jobFamily).toBe('retail');
    expect(io.stdout).toContain(`A strong Situation (from a retail story): ${retail.parts.situation.good}`);
    expect(io.stdout).toMatch(/\(from a retail story\)\n {2}Weak: We looked into it as a team/);
    expect(io.stdout).toContain(`Strong: ${retail.parts.action.good}`);
    expect(io.stdout).not.toContain(`Strong: ${seed.parts.action.good}`);

    // Remembered: the next run without --family still coaches with retail examples.
    const again = scripted(weakAnswer);
    await runPractice(['--question', SEED_ID], again, deps);
    expect(again.stdout).toContain(`Strong: ${retail.parts.action.good}`);
  });

  it('without a family, the same answer gets the question’s own contrast', async () => {
    const { deps } = await setup(bank);
    const io = scripted(weakAnswer);
    await runPractice(['--question', SEED_ID], io, deps);
    expect(io.stdout).toContain(`Strong: ${seed.parts.action.good}`);
    expect(io.stdout).not.toContain('retail story');
  });

  it('refuses an unknown family, listing the ids, and changes nothing', async () => {
    const { store, deps } = await setup(bank);
    const io = scripted([]);
    expect(await runPractice(['--family', 'nursing'], io, deps)).toBe(2);
    expect(io.stderr).toContain('There is no family "nursing"');
    for (const id of ['healthcare', 'retail', 'military-transition'])
      expect(io.stderr).toContain(`\`${id}\``);
    expect(await store.getUser(key)).toBeNull();
  });
});

describe('a pack added as files only', () => {
  const content = contentWithTestPack();
  afterAll(() => content.remove());

  it('is validated by content:check on its own, which prints questions per pack, principle and family', () => {
    // The pack alone, so this test checks the new pack, not the health of the bundled bank.
    const alone = contentWithTestPack({ withBundled: false });
    let out = '';
    let err = '';
    const code = runContentCheck(() => loadFrom(alone), {
      out: (t) => (out += t),
      err: (t) => (err += t),
    });
    alone.remove();
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toContain('Content OK: 1 pack(s), 1 principles, 3 questions');
    expect(out).toContain(`Test pack ${TEST_PACK} (${TEST_PACK}): 3 questions`);
    expect(out).toContain(`  ${TEST_PRINCIPLE}: 3`);
    expect(out).toContain('  fulfilment-logistics: 2');
    expect(out).toContain('  software-engineering: 1');
  });

  it('is picked up next to the bundled pack, with ids unique across both', () => {
    const bank = loadFrom(content);
    const bundled = loadContent();
    expect(bank.packs.map((p) => p.id)).toEqual([
      'amazon-leadership-principles',
      'core-competencies',
      TEST_PACK,
    ]);
    expect(bank.questions).toHaveLength(bundled.questions.length + 3);
    expect(bank.defaultPack).toBe('amazon-leadership-principles');
  });

  it('is practised with --pack: recommendations, progress and export use it, and the choice is remembered', async () => {
    const bank = loadFrom(content);
    const { store, deps } = await setup(bank);
    const io = scripted(['stop']);
    expect(await runPractice(['--pack', TEST_PACK], io, deps)).toBe(0);
    expect(io.stdout).toContain('Resilience');
    expect((await store.listSessions(key))[0]?.principleId).toBe(TEST_PRINCIPLE);
    expect((await store.getUser(key))?.pack).toBe(TEST_PACK);

    const progress = scripted([]);
    await runPractice(['--progress'], progress, deps);
    expect(progress.stdout).toContain(`Pack: Test pack ${TEST_PACK} (${TEST_PACK})`);
    expect(progress.stdout).toMatch(/^Competency +Sessions/m);
    expect(progress.stdout).toContain('Resilience');
    expect(progress.stdout).not.toContain('Dive Deep');

    const exported = scripted([]);
    await runPractice(['--export', 'bank.md'], exported, deps);
    const markdown = exported.files.get('bank.md') ?? '';
    expect(markdown).toContain(`## Test pack ${TEST_PACK}`);
    expect(markdown).toContain('Stories for 1 of 1 Competencies: Resilience.');
    expect(markdown).not.toContain('## Amazon Leadership Principles');

    const back = scripted([]);
    await runPractice(['--pack', 'default', '--progress'], back, deps);
    expect(back.stdout).toContain('Dive Deep');
    expect((await store.getUser(key))?.pack).toBeNull();

    const wrong = scripted([]);
    expect(await runPractice(['--pack', 'core-competencys'], wrong, deps)).toBe(2);
    expect(wrong.stderr).toContain(
      `There is no pack "core-competencys". Use one of \`amazon-leadership-principles\`, \`core-competencies\`, \`${TEST_PACK}\``,
    );
  });
});
