import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The first code block of a language under a README heading: what a newcomer copies from it. */
export function readmeBlock(heading: string, language: string): string {
  const readme = readFileSync(join(process.cwd(), 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf(`## ${heading}`));
  const code = new RegExp('```' + language + '\\n([\\s\\S]*?)```').exec(section)?.[1];
  if (code === undefined) throw new Error(`the README shows no ${language} block under "${heading}"`);
  return code;
}
