/**
 * Summarises a V8 .cpuprofile (e.g. from BENCH_CPU_PROF) by package or source file: self time, and
 * inclusive time (each sample counted once per package on its stack), plus the hottest functions.
 * Usage: node -r ts-node/register bench/profile-summary.ts <file.cpuprofile> [top]
 */
import fs from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a frame's code lives: an npm package, a repository file, Node's own code or a V8 pseudo-frame. */
export function ownerOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith('node:')) return 'node:internal';
  const repo = /\/((?:src|bench|seeds)\/.*)$/.exec(url);
  return repo ? repo[1] : url;
}

function summarise(profile: Profile, top: number): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const hot = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, ms: number) => map.set(key, (map.get(key) ?? 0) + ms);
  let total = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const leaf = byId.get(id) as ProfileNode;
    if (leaf.callFrame.functionName === '(idle)') return;
    total += ms;
    add(self, ownerOf(leaf.callFrame.url, leaf.callFrame.functionName), ms);
    const f = leaf.callFrame;
    add(hot, `${f.functionName || '(anonymous)'} ${ownerOf(f.url, f.functionName)}:${f.lineNumber + 1}`, ms);
    const seen = new Set<string>();
    for (let node: number | undefined = id; node !== undefined; node = parent.get(node)) {
      const frame = (byId.get(node) as ProfileNode).callFrame;
      seen.add(ownerOf(frame.url, frame.functionName));
    }
    for (const owner of seen) add(inclusive, owner, ms);
  });
  const print = (title: string, map: Map<string, number>) => {
    console.log(`\n${title}`);
    for (const [key, ms] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      console.log(`${ms.toFixed(0).padStart(8)} ms ${((100 * ms) / total).toFixed(1).padStart(5)}%  ${key}`);
    }
  };
  console.log(`busy (non-idle) time: ${total.toFixed(0)} ms`);
  print('self time by owner', self);
  print('inclusive time by owner', inclusive);
  print('hottest functions (self)', hot);
}

if (require.main === module) {
  const [file, top] = process.argv.slice(2);
  if (!file) throw new Error('usage: profile-summary.ts <file.cpuprofile> [top]');
  summarise(JSON.parse(fs.readFileSync(file, 'utf8')) as Profile, Number(top ?? 25));
}
