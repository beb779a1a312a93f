import { ValidationError } from '#kernel';
import { MAX_BODY_LENGTH, MAX_LINK_LENGTH, validVersionText } from './versioned-text.js';

function fieldsOf(check: () => unknown): readonly string[] {
  try {
    check();
  } catch (error) {
    if (error instanceof ValidationError) return error.errors.map(({ field }) => field);
    throw error;
  }
  return [];
}

describe('the text of a version', () => {
  it('keeps a body and an http(s) link as given, and leaves out what is absent', () => {
    expect(validVersionText({ body: 'Greet the client.', link: 'https://wiki.example/greeting' })).toEqual({
      body: 'Greet the client.',
      link: 'https://wiki.example/greeting',
    });
    expect(validVersionText({ body: 'Greet the client.' })).toEqual({ body: 'Greet the client.' });
    expect(validVersionText({})).toEqual({});
  });

  it.each<[string, { body?: unknown; link?: unknown }, string]>([
    ['a body that is not text', { body: 42 }, 'body'],
    ['a body over the limit', { body: 'a'.repeat(MAX_BODY_LENGTH + 1) }, 'body'],
    ['a link that is not http(s)', { link: 'ftp://files.example/greeting' }, 'link'],
    ['a link over the limit', { link: `https://wiki.example/${'a'.repeat(MAX_LINK_LENGTH)}` }, 'link'],
  ])('refuses %s, naming the field', (_name, content, field) => {
    expect(fieldsOf(() => validVersionText(content))).toEqual([field]);
  });
});
