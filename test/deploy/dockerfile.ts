import { cpSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix, relative, sep } from 'node:path';

/** One Dockerfile instruction: its keyword, its flags (`--from=build`) and the rest of the line. */
export interface Instruction {
  keyword: string;
  flags: Record<string, string>;
  args: string;
}

export interface Stage {
  image: string;
  name: string;
  instructions: Instruction[];
}

/** Joins `\` continuations, drops comments and blank lines, and splits the file into stages at each FROM. */
export function parseDockerfile(text: string): Stage[] {
  const lines = text
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const stages: Stage[] = [];
  for (const line of lines) {
    const match = /^(\S+)\s*(.*)$/.exec(line);
    if (!match) continue;
    const keyword = (match[1] ?? '').toUpperCase();
    let rest = match[2] ?? '';
    const flags: Record<string, string> = {};
    for (let flag = /^--([a-z-]+)=(\S+)\s*/.exec(rest); flag; flag = /^--([a-z-]+)=(\S+)\s*/.exec(rest)) {
      flags[flag[1] ?? ''] = flag[2] ?? '';
      rest = rest.slice(flag[0].length);
    }
    if (keyword === 'FROM') {
      const [image = '', , name] = rest.split(/\s+/);
      stages.push({ image, name: name ?? String(stages.length), instructions: [] });
      continue;
    }
    const stage = stages.at(-1);
    if (!stage) throw new Error(`${keyword} before the first FROM`);
    stage.instructions.push({ keyword, flags, args: rest });
  }
  return stages;
}

/** `["node", "x.mjs"]` (exec form) as an argument list; a shell-form command as `sh -c` would run it. */
export function commandOf(args: string): string[] {
  const trimmed = args.trim();
  return trimmed.startsWith('[') ? (JSON.parse(trimmed) as string[]) : ['sh', '-c', trimmed];
}

/** `ENV A=1 B=two` (or the legacy `ENV A 1`) as a record. */
export function envOf(args: string): Record<string, string> {
  const pairs = [...args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|\S*)/g)];
  if (pairs.length === 0) {
    const [name = '', ...value] = args.split(/\s+/);
    return { [name]: value.join(' ') };
  }
  return Object.fromEntries(pairs.map(([, name = '', value = '']) => [name, value.replace(/^"|"$/g, '')]));
}

/** HEALTHCHECK's command, after its options (which the flag parser already took). */
export function healthcheckCommand(args: string): string[] {
  const cmd = /^CMD\s+(.*)$/i.exec(args.trim());
  if (!cmd?.[1]) throw new Error(`HEALTHCHECK without CMD: ${args}`);
  return commandOf(cmd[1]);
}

/** A .dockerignore pattern as a regular expression over slash-separated paths relative to the context. */
function patternRegex(pattern: string): RegExp {
  const body = pattern
    .replace(/^\/+|\/+$/g, '')
    .split('/')
    .map((segment) =>
      segment === '**'
        ? '.*'
        : segment
            .replace(/[.+^${}()|[\]\\]/g, '\\$&')
            .replace(/\*/g, '[^/]*')
            .replace(/\?/g, '[^/]'),
    )
    .join('/');
  // A pattern names a file or a folder, and so everything under that folder.
  return new RegExp(`^${body}(/.*)?$`);
}

/** The build context Docker would send: every file under `root` that .dockerignore does not exclude. */
export function copyBuildContext(root: string, target: string): string[] {
  const patterns = readFileSync(join(root, '.dockerignore'), 'utf8')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  if (patterns.some((p) => p.startsWith('!')))
    throw new Error('exceptions (!) in .dockerignore: not simulated');
  const excluded = patterns.map(patternRegex);
  const copied: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      const rel = relative(root, path).split(sep).join(posix.sep);
      if (excluded.some((re) => re.test(rel))) continue;
      if (entry.isDirectory()) walk(path);
      else {
        mkdirSync(dirname(join(target, rel)), { recursive: true });
        cpSync(path, join(target, rel));
        copied.push(rel);
      }
    }
  };
  walk(root);
  return copied;
}

/** `COPY src... dest`: a folder's contents go into `dest`; a file goes into `dest/` (or several), else becomes it. */
export function copyInto(sources: string[], dest: string): void {
  for (const source of sources) {
    if (statSync(source).isDirectory()) {
      cpSync(source, dest, { recursive: true });
      continue;
    }
    const target =
      dest.endsWith('/') || sources.length > 1 ? join(dest, source.split('/').at(-1) ?? '') : dest;
    mkdirSync(dirname(target), { recursive: true });
    cpSync(source, target);
  }
}
