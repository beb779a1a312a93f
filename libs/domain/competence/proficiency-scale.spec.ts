import { checkLevel, DEFAULT_PROFICIENCY_SCALE, requireLevel } from './proficiency-scale.js';

describe('proficiency scale', () => {
  describe('the level a knowledge check shows', () => {
    it.each([
      [0, 4, 0],
      [1, 4, 1],
      [2, 4, 2],
      [3, 4, 3],
      [4, 4, 3],
      [7, 10, 2],
      [24, 100, 0],
      [25, 100, 1],
      [74, 100, 2],
      [75, 100, 3],
    ])('maps %i of %i points to level %i on the default scale, never above proficient', (points, maxPoints, level) => {
      expect(checkLevel(points, maxPoints, DEFAULT_PROFICIENCY_SCALE)).toBe(level);
    });

    it('spreads the bands up to the proficient level of the scale in force', () => {
      const scale = { version: 1, levels: ['0', '1', '2', '3', '4', '5'], proficientLevel: 4 };
      expect([0, 19, 20, 59, 60, 79, 80, 100].map((points) => checkLevel(points, 100, scale))).toEqual([0, 0, 1, 2, 3, 3, 4, 4]);
    });
  });

  it('takes whole levels from 0 to the top of the scale', () => {
    expect(requireLevel(4, 'level', DEFAULT_PROFICIENCY_SCALE)).toBe(4);
    expect(() => requireLevel(5, 'level', DEFAULT_PROFICIENCY_SCALE)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    expect(() => requireLevel(1.5, 'level', DEFAULT_PROFICIENCY_SCALE)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });
});
