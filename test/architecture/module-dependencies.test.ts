import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const SRC = resolve(__dirname, '../../src');

/** Every relative import of every source file, as (importing file, imported path), both relative to src/. */
function imports(): { from: string; to: string }[] {
  const files = readdirSync(SRC, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));
  return files.flatMap((file) => {
    const text = readFileSync(join(SRC, file), 'utf8');
    return [...text.matchAll(/(?:^|\n)(?:import|export)[^;]*?from '(\.[^']+)'/g)].map((match) => ({
      from: file,
      to: relative(SRC, resolve(SRC, dirname(file), match[1])),
    }));
  });
}

const ALL = imports();
const within = (path: string, area: string) => path === area || path.startsWith(`${area}/`);
const offending = (area: string, forbidden: (to: string) => boolean) =>
  ALL.filter(({ from, to }) => within(from, area) && !within(to, area) && forbidden(to)).map(({ from, to }) => `${from} -> ${to}`);

describe('module dependencies', () => {
  it('reads the imports of the source tree', () => {
    expect(ALL.length).toBeGreaterThan(500);
    expect(ALL).toContainEqual({ from: 'modules/flags/reevaluation.ts', to: 'modules/evaluation' });
  });

  it('keeps shared free of modules and of the app', () => {
    expect(offending('shared', (to) => !within(to, 'errors') && !within(to, 'shared'))).toEqual([]);
  });

  it('keeps the ledger free of domain modules', () => {
    expect(offending('modules/ledger', (to) => within(to, 'modules'))).toEqual([]);
  });

  it('keeps evaluation free of the modules that pick rules and record findings', () => {
    expect(offending('modules/evaluation', (to) => ['rules', 'flags', 'imports', 'accounts'].some((m) => within(to, `modules/${m}`)))).toEqual([]);
  });

  it('keeps rules from reaching into flags', () => {
    expect(offending('modules/rules', (to) => within(to, 'modules/flags'))).toEqual([]);
  });

  it('keeps modules from importing the app (server, cli, jobs)', () => {
    expect(offending('modules', (to) => ['server', 'cli', 'jobs', 'main'].some((app) => within(to, app)))).toEqual([]);
  });
});
