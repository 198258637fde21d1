import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

/**
 * The docs stand alone: every link in the README, the guides and the package and example
 * READMEs points at a file of this repository (and, with `#anchor`, at one of its headings),
 * none leaves it, and docs/README.md indexes every guide.
 */
const root = path.resolve(__dirname, '..', '..');
const docs = path.join(root, 'docs');

const pages = [
  'README.md',
  ...readdirSync(docs)
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
  'docs/perf/README.md',
  ...['packages', 'examples'].flatMap((dir) =>
    readdirSync(path.join(root, dir))
      .map((d) => `${dir}/${d}/README.md`)
      .filter((f) => existsSync(path.join(root, f))),
  ),
];

/** The markdown links of a page, outside code blocks. */
function linksOf(text: string): string[] {
  const prose = text.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!);
}

/** The anchors of a page's headings, as GitHub makes them. */
function anchorsOf(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.replace(/```[\s\S]*?```/g, '').matchAll(/^#{1,6} (.+)$/gm))
    out.add(
      m[1]!
        .toLowerCase()
        .replace(/[^a-z0-9 _-]/g, '')
        .replace(/ /g, '-'),
    );
  return out;
}

describe('the docs stand alone', () => {
  it.each(pages)(
    '%s: every link points inside the repository, at something that exists',
    (page) => {
      const text = readFileSync(path.join(root, page), 'utf8');
      expect(text).not.toMatch(/shared\//);
      const broken: string[] = [];
      for (const link of linksOf(text)) {
        if (/^[a-z]+:/i.test(link)) {
          broken.push(`${link}: leaves the repository`);
          continue;
        }
        const [file = '', anchor] = link.split('#');
        const target =
          file === ''
            ? path.join(root, page)
            : path.resolve(path.dirname(path.join(root, page)), file);
        if (!target.startsWith(root + path.sep) || !existsSync(target)) {
          broken.push(`${link}: no such file in the repository`);
          continue;
        }
        if (
          anchor !== undefined &&
          statSync(target).isFile() &&
          !anchorsOf(readFileSync(target, 'utf8')).has(anchor)
        )
          broken.push(`${link}: no heading #${anchor}`);
      }
      expect(broken).toEqual([]);
    },
  );

  it('docs/README.md indexes every guide', () => {
    const index = readFileSync(path.join(docs, 'README.md'), 'utf8');
    const guides = readdirSync(docs).filter((f) => f.endsWith('.md') && f !== 'README.md');
    expect(guides.filter((g) => !index.includes(`](${g})`))).toEqual([]);
  });
});
