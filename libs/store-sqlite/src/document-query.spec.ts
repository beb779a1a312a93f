import { servingIndex } from './document-query.js';

describe('servingIndex', () => {
  const indexes = [['entity', 'since'], ['entity', 'sectionId', 'since'], ['key'], ['chainId', 'attempt']];
  const bySince = [{ field: 'since', direction: 'asc' }] as const;

  it('takes the index whose fields are fields held equal, then the sort fields, holding the most equal', () => {
    expect(servingIndex(indexes, [{ entity: 'employee' }], bySince)).toEqual(['entity', 'since']);
    expect(servingIndex(indexes, [{ entity: 'employee', sectionId: 's1', status: 'employed' }], bySince)).toEqual(['entity', 'sectionId', 'since']);
    expect(servingIndex(indexes, [{ key: { $lte: '9' } }], [{ field: 'key', direction: 'desc' }])).toEqual(['key']);
  });

  it('serves a range of ties, held equal on every field and read by id, and takes equality from either filter', () => {
    expect(servingIndex(indexes, [{ entity: 'employee' }, { since: '2025-01-01' }], [])).toEqual(['entity', 'since']);
    expect(servingIndex(indexes, [{ chainId: { $in: ['c1'] } }], [{ field: 'attempt', direction: 'asc' }])).toEqual(['chainId', 'attempt']);
  });

  it('takes none when a leading field is not held equal, the sort differs, or its directions are mixed', () => {
    expect(servingIndex(indexes, [{}], bySince)).toBeUndefined();
    expect(servingIndex(indexes, [{ entity: { $in: ['employee', 'section'] } }], bySince)).toBeUndefined();
    expect(servingIndex(indexes, [{ entity: 'employee' }], [{ field: 'name', direction: 'asc' }])).toBeUndefined();
    expect(servingIndex(indexes, [{ entity: 'employee' }], [])).toBeUndefined();
    expect(
      servingIndex(indexes, [{ chainId: 'c1' }], [
        { field: 'chainId', direction: 'asc' },
        { field: 'attempt', direction: 'desc' },
      ]),
    ).toBeUndefined();
  });
});
