// Rubric latency: grades a typical 400-word answer many times and reports answers per second and
// p50/p99 latency against the 2 ms goal. Run with `npm run bench:rubric`.
import { availableParallelism, loadavg } from 'node:os';
import { loadContent } from '../src/content/load.ts';
import { countWords, grade } from '../src/rubric/index.ts';
import { clearAnalyses } from '../src/rubric/nlp.ts';

const GOAL_MS = 2;
const WARM_UP = 300;
const RUNS = 3_000;
const QUESTION = 'dive-deep/unexpected-root-cause';

const ANSWER = `Last spring I was a backend engineer on the payments team at a mid-sized online travel agency. Every Monday morning, a few hundred card payments failed with a timeout, and customers who were trying to book trips for the coming week were getting charged twice when they retried. Support was logging around 40 complaints a week about double charges, and each refund took an agent about twenty minutes by hand.

The retry logic belonged to the checkout team, not to mine, and there was no ticket for the timeouts because everyone assumed the card processor was simply slow on Mondays. Nobody had asked me to look into it, but I decided to find the cause, because the refunds were costing us money and trust every single week.

I pulled six weeks of payment logs and lined them up against our deploy history and the processor's status page. The failures did not match any processor incident; instead, they clustered in the ten minutes after our weekly batch job started, which rebuilt the fraud-scoring cache. I reproduced the problem in staging by running the batch job while replaying a recorded Monday of payment traffic, and I saw that the job held a database lock that made the fraud check wait for up to nine seconds. I rewrote the batch job to rebuild the cache in small chunks without the lock, added an idempotency key to the checkout retry so a second attempt could never create a second charge, and wrote tests for both cases. I walked the checkout team through the change, agreed a rollout plan with their lead, and watched the dashboards myself during the first two Monday runs.

After the change, Monday payment failures went from about 300 a week to fewer than 10, and double charges dropped to zero. Support complaints about double charges disappeared, which saved roughly 13 hours of agent time a week and about £4,000 a month in refunds and card fees. The checkout team adopted the idempotency key for every payment method, and it is now part of the standard template for new payment integrations.

I learned that a problem which only happens at one time of the week is usually something we do to ourselves, not something a supplier does to us. Since then, whenever I see a weekly pattern in failures, I check our own scheduled jobs before I open a ticket with a vendor.`;

function percentile(sorted: readonly number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

const cpuMs = (since?: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

const bank = loadContent();
const words = countWords(ANSWER);
// The first grade loads the language model (wink-nlp's English lite model) and compiles the patterns.
const firstStart = process.hrtime.bigint();
const firstCpu = process.cpuUsage();
grade(ANSWER, bank, { questionId: QUESTION });
const firstCpuMs = cpuMs(firstCpu);
const firstWallMs = Number(process.hrtime.bigint() - firstStart) / 1e6;
for (let i = 0; i < WARM_UP; i++) {
  clearAnalyses();
  grade(ANSWER, bank, { questionId: QUESTION });
}

const samples: number[] = [];
const cpuSamples: number[] = [];
const started = process.hrtime.bigint();
for (let i = 0; i < RUNS; i++) {
  // Each run is a new answer to the language model: no analysis is reused from the run before.
  clearAnalyses();
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  grade(ANSWER, bank, { questionId: QUESTION });
  samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  cpuSamples.push(cpuMs(c0));
}
const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
samples.sort((a, b) => a - b);
const p50 = percentile(samples, 50);
const p99 = percentile(samples, 99);

console.log(`Rubric benchmark: a ${words}-word answer, ${RUNS} runs after ${WARM_UP} warm-up runs`);
console.log(`  throughput  ${Math.round((RUNS / elapsedMs) * 1000)} answers/s`);
console.log(`  p50         ${p50.toFixed(3)} ms  (${(p50 / GOAL_MS).toFixed(2)}x the ${GOAL_MS} ms goal)`);
console.log(`  p99         ${p99.toFixed(3)} ms  (${(p99 / GOAL_MS).toFixed(2)}x the ${GOAL_MS} ms goal)`);
console.log(`  max         ${samples[samples.length - 1]!.toFixed(3)} ms`);
console.log(p99 <= GOAL_MS ? `  p99 meets the ${GOAL_MS} ms goal` : `  p99 misses the ${GOAL_MS} ms goal`);
// CPU time counts only this process's own work, so it holds on a machine other processes keep busy.
cpuSamples.sort((a, b) => a - b);
const cpuP99 = percentile(cpuSamples, 99);
console.log(
  `  cpu p50     ${percentile(cpuSamples, 50).toFixed(3)} ms  (CPU time of this process per answer)`,
);
console.log(
  `  cpu p99     ${cpuP99.toFixed(3)} ms  (${cpuP99 <= GOAL_MS ? 'meets' : 'misses'} the goal in CPU time)`,
);
console.log(
  `  first grade ${firstWallMs.toFixed(0)} ms wall, ${firstCpuMs.toFixed(0)} ms CPU (loads the language model once per process)`,
);
const [load] = loadavg();
console.log(
  `  machine load ${load?.toFixed(1)} on ${availableParallelism()} CPUs (wall-clock figures include time other processes held the CPU)`,
);
