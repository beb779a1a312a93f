import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';

/** The README and every page of docs/, as paths from the repository's root. */
function documents(root: string): string[] {
  const pages = readdirSync(join(root, 'docs')).filter((name) => name.endsWith('.md'));
  return ['README.md', ...pages.map((name) => join('docs', name))];
}

/** The markdown a reader sees as prose: code blocks and inline code hold no links, only text like them. */
function prose(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
}

/** Link targets that point into the repository: no scheme (`https:`, `mailto:`), no bare anchor. */
function relativeTargets(markdown: string): string[] {
  return [...prose(markdown).matchAll(/\]\(([^)\s]+)\)/g)]
    .map((match) => match[1]!)
    .filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target) && !target.startsWith('#'));
}

/** The anchors of a page's headings, derived as the repository's host derives them. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const slugs = new Set<string>();
  for (const [, heading] of prose(markdown).matchAll(/^#{1,6} +(.+?) *#* *$/gm)) {
    const slug = heading!
      .toLowerCase()
      .replace(/[^\p{L}\p{N} _-]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    slugs.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return slugs;
}

/** Every link of the README and docs/ whose file, or heading in that file, does not exist. */
function brokenLinks(root: string): string[] {
  return documents(root).flatMap((document) =>
    relativeTargets(readFileSync(join(root, document), 'utf8')).filter((target) => {
      const [path, anchor] = target.split('#');
      const file = path ? join(root, dirname(document), path) : join(root, document);
      if (relative(root, file).startsWith('..') || !existsSync(file)) return true;
      return anchor !== undefined && file.endsWith('.md') && !anchors(readFileSync(file, 'utf8')).has(anchor);
    }).map((target) => `${document}: ${target}`),
  );
}

describe('links of the documentation', () => {
  it('lead from README.md and docs/*.md to files and headings that exist', () => {
    expect(brokenLinks(process.cwd())).toEqual([]);
  });

  describe('the check', () => {
    let root: string;
    beforeAll(() => {
      root = mkdtempSync(join(tmpdir(), 'quality-ledger-links-'));
      mkdirSync(join(root, 'docs'));
      writeFileSync(
        join(root, 'README.md'),
        [
          '# Title',
          '## Two words',
          'See [a page](docs/PAGE.md), [its part](docs/PAGE.md#a-part-its-name), [here](#two-words),',
          '[the web](https://example.com/missing.md), `[code](docs/IN-CODE.md)`,',
          '[a missing page](docs/MISSING.md) and [a missing part](docs/PAGE.md#nowhere).',
          '```sh',
          'echo "[shell](docs/IN-BLOCK.md)"',
          '```',
        ].join('\n'),
      );
      writeFileSync(
        join(root, 'docs', 'PAGE.md'),
        ['# Page', '```sh', '# not a heading', '```', '## A part: its name', 'Back to [the README](../README.md#two-words), out [of the tree](../../x.md).'].join('\n'),
      );
    });
    afterAll(() => rmSync(root, { recursive: true, force: true }));

    it('reports a missing file, a missing heading and a link out of the repository, and nothing in code', () => {
      expect(brokenLinks(root)).toEqual([
        'README.md: docs/MISSING.md',
        'README.md: docs/PAGE.md#nowhere',
        'docs/PAGE.md: ../../x.md',
      ]);
    });
  });
});
