import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The first code block of a language in a section (`## heading`) of a markdown file of the repository:
 * what a reader copies from it, so the tests run exactly that.
 */
export function markdownBlock(file: string, heading: string, language: string): string {
  const text = readFileSync(join(process.cwd(), file), 'utf8');
  const start = text.indexOf(`\n## ${heading}\n`);
  if (start === -1) throw new Error(`${file} has no section "${heading}"`);
  const next = text.indexOf('\n## ', start + 1);
  const section = text.slice(start, next === -1 ? undefined : next);
  const code = new RegExp('```' + language + '\\n([\\s\\S]*?)```').exec(section)?.[1];
  if (code === undefined) throw new Error(`${file} shows no ${language} block under "${heading}"`);
  return code;
}
