/** Line-start part labels such as "Situation:", "S -", "(T)", "**Action**", "## Result", "🎯 Task:". */
const LABEL =
  /^[\s>*#\-•·\d.)]*(?:\p{Extended_Pictographic}\uFE0F?\s*)?(?:\*\*|__)?\(?(situation|task|action|actions|result|results|reflection|learning|lessons?|s|t|a|r)\)?(?:\*\*|__)?\s*(?::|-|–|—|\)|\*\*|$)/iu;

const CANONICAL: Record<string, string> = { s: 'situation', t: 'task', a: 'action', r: 'result' };

/** How many distinct STAR parts a text labels explicitly: two or more means a whole labelled answer. */
export function countExplicitLabels(text: string): number {
  const found = new Set<string>();
  for (const line of text.split('\n')) {
    const match = LABEL.exec(line);
    const word = match?.[1]?.toLowerCase();
    if (!word) continue;
    const base =
      CANONICAL[word] ??
      word
        .replace(/s$/, '')
        .replace(/^lesson$/, 'reflection')
        .replace(/^learning$/, 'reflection');
    found.add(base);
  }
  return found.size;
}
