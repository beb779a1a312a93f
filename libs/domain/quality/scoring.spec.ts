import { DomainRuleError } from '#kernel';
import { scoreChecklist, type ScoredCriterion } from './scoring.js';

const criterion = (criterionId: string, weight: number, result: ScoredCriterion['result'], critical = false): ScoredCriterion => ({
  criterionId,
  weight,
  critical,
  result,
});

describe('scoring a checklist', () => {
  it('weights 3, 2, 1 with the weight-2 criterion failed: 4/6, below a pass mark of 0.8', () => {
    expect(scoreChecklist([criterion('a', 3, 'pass'), criterion('b', 2, 'fail'), criterion('c', 1, 'pass')], 0.8)).toEqual({
      verdict: 'failed',
      score: 4 / 6,
      criticalFailed: false,
      failedCriteria: ['b'],
    });
  });

  it('weights 3, 2, 1 with the weight-1 criterion failed: 5/6, which passes 0.8', () => {
    expect(scoreChecklist([criterion('a', 3, 'pass'), criterion('b', 2, 'pass'), criterion('c', 1, 'fail')], 0.8)).toEqual({
      verdict: 'passed',
      score: 5 / 6,
      criticalFailed: false,
      failedCriteria: ['c'],
    });
  });

  it('leaves n/a criteria out of both sums: 3 of 3 + 2 applicable is 3/5', () => {
    expect(scoreChecklist([criterion('a', 3, 'pass'), criterion('b', 2, 'fail'), criterion('c', 1, 'n/a')], 0.5)).toMatchObject({
      verdict: 'passed',
      score: 3 / 5,
    });
  });

  it('fails on a failed critical criterion whatever the score: 9/10 against a pass mark of 0.5', () => {
    expect(scoreChecklist([criterion('a', 9, 'pass'), criterion('b', 1, 'fail', true)], 0.5)).toEqual({
      verdict: 'failed',
      score: 0.9,
      criticalFailed: true,
      failedCriteria: ['b'],
    });
  });

  it('passes a score exactly at the pass mark, also where fractional weights do not add up exactly in binary', () => {
    expect(scoreChecklist([criterion('a', 4, 'pass'), criterion('b', 1, 'fail')], 0.8).verdict).toBe('passed');
    // 0.7 + 0.1 over 0.7 + 0.1 + 0.2 is 0.8 on paper, 0.7999999999999999 in binary.
    const fractional = [criterion('a', 0.7, 'pass'), criterion('b', 0.1, 'pass'), criterion('c', 0.2, 'fail')];
    expect(scoreChecklist(fractional, 0.8).verdict).toBe('passed');
    expect(scoreChecklist(fractional, 0.81).verdict).toBe('failed');
  });

  it('scores 1 when everything applicable passed, and 0 when everything failed', () => {
    expect(scoreChecklist([criterion('a', 2, 'pass'), criterion('b', 1, 'n/a')], 1)).toMatchObject({ verdict: 'passed', score: 1 });
    expect(scoreChecklist([criterion('a', 2, 'fail'), criterion('b', 1, 'fail')], 0.1)).toMatchObject({
      verdict: 'failed',
      score: 0,
      failedCriteria: ['a', 'b'],
    });
  });

  it('has no score when nothing applies', () => {
    expect(() => scoreChecklist([criterion('a', 2, 'n/a')], 0.8)).toThrow(DomainRuleError);
    expect(() => scoreChecklist([criterion('a', 2, 'n/a')], 0.8)).toThrow(expect.objectContaining({ rule: 'NO_APPLICABLE_CRITERIA' }));
  });
});
