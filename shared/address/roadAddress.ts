import { cleanAddressText } from './normalize';

/**
 * A road-name address as people write it: `[시도] 시군구 [읍면동] 도로명 [지하] 건물본번[-부번]
 * [, 상세] [(법정동, 건물명)]`. Only the reading; whether the road and building exist is the
 * index's to say (resolveRoadAddress.ts).
 */
export interface RoadAddress {
  /** the tokens before the road name: 시도, 시군구, maybe an 읍면동 */
  places: string[];
  /** the road name without spaces: '율곡로 4길' → '율곡로4길', '중앙로 100번길' → '중앙로100번길' */
  road: string;
  underground: boolean;
  bonbun: number;
  bubun: number;
  /** the names in the first bracket after the number ('(태평로1가, 서울시청)' → ['태평로1가', '서울시청']) */
  bracket: string[];
  /** everything after the building number (상세주소, brackets), '' when none */
  detail: string;
}

// A road name ends in 로 or 길 and has a Hangul syllable ('세종대로', '율곡로4길', '중앙로100번길').
const ROAD_NAME = /^[가-힣A-Za-z0-9·.]*[가-힣][가-힣A-Za-z0-9·.]*[로길]$/;
// The numbered part of a road written apart from its base: '4길', '100번길', '12로'.
const ROAD_SUFFIX = /^\d{1,4}번?[로길]$/;
const NUMBER = /^(\d{1,5})(?:-(\d{1,5}))?번?$/;
// A road glued to its number: '세종대로209', '세종대로지하110', '율곡로4길5'.
const GLUED = /^(.*[가-힣](?:\d{1,4}번?)?[로길])(지하)?(\d{1,5}(?:-\d{1,5})?번?)$/;
// What may follow the building number without a comma: a unit, a floor, a name; never a bare number or '-'.
const AFTER_NUMBER = /^(?:$|[,([<]|\d+\s*(?:동|층|호|단지|차|블록)|[^\d\s-])/;

/** Reads `raw` as a road-name address, or null when it has no road name followed by a building number. */
export function parseRoadAddress(raw: string): RoadAddress | null {
  const clean = cleanAddressText(raw);
  const text = clean.includes('-') ? clean.replace(/\s*-\s*/g, '-') : clean;
  const cut = text.search(/[,([<]/);
  const head = cut < 0 ? text : text.slice(0, cut);
  const tokens: string[] = [];
  for (const t of head.split(' ')) {
    if (!t) continue;
    const g = endsLikeNumber(t) && !NUMBER.test(t) ? GLUED.exec(t) : null;
    if (g && !ROAD_SUFFIX.test(g[1]!)) tokens.push(...[g[1]!, g[2], g[3]!].filter((x): x is string => !!x));
    else if (/^지하\d/.test(t)) tokens.push('지하', t.slice(2));
    else tokens.push(t);
  }
  for (let k = 1; k < tokens.length; k++) {
    const num = NUMBER.exec(tokens[k]!);
    if (!num) continue;
    const underground = tokens[k - 1] === '지하';
    let r = underground ? k - 2 : k - 1;
    if (r < 0 || !(ROAD_NAME.test(tokens[r]!) || ROAD_SUFFIX.test(tokens[r]!))) continue;
    let road = tokens[r]!;
    if (ROAD_SUFFIX.test(road)) {
      // '중앙로 100번길': the base name stands before its number
      if (r < 1 || !ROAD_NAME.test(tokens[r - 1]!) || ROAD_SUFFIX.test(tokens[r - 1]!)) continue;
      road = tokens[r - 1]! + road;
      r -= 1;
    }
    const restTokens = tokens.slice(k + 1).join(' ');
    const detail = (restTokens + (cut < 0 ? '' : (restTokens ? ' ' : '') + text.slice(cut))).trim().replace(/^[,;]\s*/, '');
    // '세종대로 209 3' or '209-1-3': a number that may continue; guessing could name a wrong building
    if (!AFTER_NUMBER.test(detail)) return null;
    const bonbun = Number(num[1]);
    if (bonbun === 0) return null;
    return { places: tokens.slice(0, r), road, underground, bonbun, bubun: Number(num[2] ?? 0), bracket: bracketNames(detail), detail };
  }
  return null;
}

/** Whether the token ends in a digit or 번: only then can it hold a glued number (cheaper than GLUED on every token). */
function endsLikeNumber(t: string): boolean {
  const c = t.charCodeAt(t.length - 1);
  return (c >= 0x30 && c <= 0x39) || t.endsWith('번');
}

function bracketNames(detail: string): string[] {
  const m = /\(([^)]*)\)/.exec(detail);
  return m
    ? m[1]!
        .split(/[,，]/)
        .map((s) => s.trim())
        .filter(Boolean)
    : [];
}
