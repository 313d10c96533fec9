import { describe, expect, it } from 'vitest';
import { studentCdf, studentQuantile } from '../../src/analysis/student-t.js';

describe("Student's t", () => {
  it.each([
    [0.975, 1, 12.706],
    [0.975, 2, 4.303],
    [0.975, 4, 2.776],
    [0.975, 10, 2.228],
    [0.975, 30, 2.042],
    [0.975, Number.POSITIVE_INFINITY, 1.96],
    [0.95, 2, 2.92],
    [0.995, 5, 4.032],
    [0.9, 3, 1.638],
  ])('the %s-quantile with %s degrees of freedom is %s, as the tables give it', (p, df, table) => {
    expect(studentQuantile(p, df)).toBeCloseTo(table, 2);
    expect(studentQuantile(1 - p, df)).toBeCloseTo(-table, 2);
  });

  it('has a CDF that is symmetric about 0 and matches the normal for infinite degrees of freedom', () => {
    expect(studentCdf(0, 5)).toBeCloseTo(0.5, 12);
    expect(studentCdf(-2, 3) + studentCdf(2, 3)).toBeCloseTo(1, 12);
    expect(studentCdf(1.959964, Number.POSITIVE_INFINITY)).toBeCloseTo(0.975, 6);
    expect(studentCdf(-3.5, Number.POSITIVE_INFINITY)).toBeCloseTo(0.000233, 6);
  });
});
