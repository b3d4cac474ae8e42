import { expect, it } from 'vitest';
import { findSggOutline, outlineBounds, outlineTest } from '../../bench/synth/boundaries';

it('tells inside from outside across parts and holes, and over 옹진군 islands', () => {
  const square = (x: number, y: number, s: number) => [
    [x, y],
    [x + s, y],
    [x + s, y + s],
    [x, y + s],
    [x, y],
  ];
  // a square with a hole, and a second square to its right
  const inside = outlineTest([[square(0, 0, 10), square(4, 4, 2)], [square(20, 0, 5)]]);
  expect([inside(1, 1), inside(5, 5), inside(22, 2), inside(15, 2), inside(22, 8), inside(-1, 5)]).toEqual([
    true,
    false,
    true,
    false,
    false,
    false,
  ]);
  // 옹진군's islands: the boxes skip only rings that could not change the answer
  const outline = findSggOutline('인천광역시', '옹진군');
  const ongjin = outlineTest(outline);
  const [x0, y0, x1, y1] = outlineBounds(outline);
  const grid = Array.from(
    { length: 60 * 60 },
    (_, k) => [x0 + ((k % 60) + 0.5) * ((x1 - x0) / 60), y0 + (Math.floor(k / 60) + 0.5) * ((y1 - y0) / 60)] as const,
  );
  const everyRing = (x: number, y: number) =>
    outline.flat().reduce((inside, ring) => {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i]!;
        const [xj, yj] = ring[j]!;
        if (yi! > y !== yj! > y && x < ((xj! - xi!) * (y - yi!)) / (yj! - yi!) + xi!) inside = !inside;
      }
      return inside;
    }, false);
  expect(grid.map(([x, y]) => ongjin(x, y))).toEqual(grid.map(([x, y]) => everyRing(x, y)));
  expect(grid.filter(([x, y]) => ongjin(x, y)).length).toBeGreaterThan(0);
});
