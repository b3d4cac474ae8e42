import { tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { rowOrder, rowsAsTsv, rowsInOrder } from '../../renderer/src/panes/tableView';

const table = tableFromArrays({
  동: ['청운동', '가회동', null, '나동'],
  면적: Float64Array.from([3, 1, 2, 10]),
  코드: ['2', '10', '1', '3'],
});

describe('results table view', () => {
  it('sorts by a column either way, nulls last, text in Korean order, numbers numerically', () => {
    expect(rowOrder(table, null)).toBeNull();
    expect([...rowOrder(table, { column: '동', desc: false })!]).toEqual([1, 3, 0, 2]);
    expect([...rowOrder(table, { column: '동', desc: true })!]).toEqual([0, 3, 1, 2]);
    expect([...rowOrder(table, { column: '면적', desc: true })!]).toEqual([3, 0, 2, 1]);
    expect([...rowOrder(table, { column: '코드', desc: false })!]).toEqual([2, 0, 3, 1]);
    expect([...rowsInOrder(4, null)]).toEqual([0, 1, 2, 3]);
    expect([...rowsInOrder(4, rowOrder(table, { column: '면적', desc: true }))]).toEqual([3, 0, 2, 1]);
  });

  it('copies rows as TSV with a header', () => {
    expect(rowsAsTsv(table, [1, 2], ['동', '면적'])).toBe('동\t면적\n가회동\t1\n\t2\n');
    expect(rowsAsTsv(tableFromArrays({ a: ['x\ty\nz'] }), [0], ['a'])).toBe('a\nx y z\n');
  });
});
