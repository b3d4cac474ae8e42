/**
 * Lengths and areas as the measuring tool reads them out: metres up to a kilometre, then km;
 * m² up to a hectare, then ha, then km²; thousands separated, two decimals at most.
 */
function decimals(n: number, digits: number): string {
  return n.toLocaleString('ko-KR', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function formatLength(m: number): string {
  if (m < 1000) return `${decimals(m, m < 100 ? 1 : 0)} m`;
  return `${decimals(m / 1000, 2)} km`;
}

export function formatArea(m2: number): string {
  if (m2 < 10_000) return `${decimals(m2, m2 < 100 ? 1 : 0)} m²`;
  if (m2 < 1_000_000) return `${decimals(m2 / 10_000, 2)} ha`;
  return `${decimals(m2 / 1_000_000, 2)} km²`;
}

/** The area in m² whole, for the readout next to ha or km² (official documents quote m²). */
export function formatSquareMetres(m2: number): string {
  return `${decimals(m2, 0)} m²`;
}

/** 평 (3.3058 m², 400/121): still how land is talked about in Korea. */
export function pyeong(m2: number): string {
  return decimals((m2 * 121) / 400, 0);
}
