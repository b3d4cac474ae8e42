import type * as maplibregl from 'maplibre-gl';

/** What is drawn over the map in the saved image besides the map itself. */
export interface MapImageExtras {
  /** the measurement on the map, in screen pixels, and its readout */
  measure: { xy: [number, number][]; closed: boolean; text: string } | null;
}

const FONT = "12px 'Malgun Gothic', 'Apple SD Gothic Neo', 'NanumGothic', 'Noto Sans KR', system-ui, sans-serif";

/**
 * The map as the analyst sees it, as a PNG: the basemap (MapLibre's canvas, drawn again at once so
 * that its buffer is still there to read), the parcels (deck.gl's canvas, kept by
 * preserveDrawingBuffer), then the legend, the measurement and the attribution.
 */
export async function mapImage(
  map: maplibregl.Map,
  deckCanvas: HTMLCanvasElement | null,
  pane: HTMLElement,
  extras: MapImageExtras,
): Promise<Blob> {
  const base = map.getCanvas();
  map.redraw();
  const out = document.createElement('canvas');
  out.width = base.width;
  out.height = base.height;
  const ctx = out.getContext('2d')!;
  ctx.drawImage(base, 0, 0);
  if (deckCanvas && deckCanvas.width > 0) ctx.drawImage(deckCanvas, 0, 0, out.width, out.height);
  // the rest in CSS pixels, like the page
  const ratio = base.width / base.clientWidth;
  ctx.scale(ratio, ratio);
  ctx.font = FONT;
  ctx.textBaseline = 'middle';
  if (extras.measure) drawMeasure(ctx, extras.measure);
  drawLegend(ctx, pane);
  drawAttribution(ctx, pane, base.clientWidth, base.clientHeight);
  return new Promise((resolve, reject) => out.toBlob((b) => (b ? resolve(b) : reject(new Error('toBlob'))), 'image/png'));
}

/** The legend as it is on screen: its heading (the column coloured by), then each swatch with its value and count. */
function drawLegend(ctx: CanvasRenderingContext2D, pane: HTMLElement): void {
  const items = [...pane.querySelectorAll<HTMLElement>('[data-testid=legend-items] li')];
  if (!items.length) return;
  const select = pane.querySelector<HTMLSelectElement>('[data-testid=color-by]');
  const title = select?.selectedOptions[0]?.textContent ?? '';
  const rows = items.map((li) => ({
    color: getComputedStyle(li.querySelector('.swatch') ?? li).backgroundColor,
    texts: [...li.children].map((c) => c.textContent ?? '').filter(Boolean),
  }));
  const lineH = 16;
  const width = Math.max(ctx.measureText(title).width, ...rows.map((r) => 22 + ctx.measureText(r.texts.join('  ')).width)) + 16;
  const height = (rows.length + 1) * lineH + 10;
  ctx.fillStyle = 'rgba(255, 255, 255, 0.94)';
  ctx.fillRect(8, 8, width, height);
  ctx.strokeStyle = '#d9dee4';
  ctx.strokeRect(8.5, 8.5, width, height);
  ctx.fillStyle = '#1f2933';
  ctx.fillText(title, 16, 8 + 5 + lineH / 2);
  rows.forEach((r, i) => {
    const y = 8 + 5 + (i + 1.5) * lineH;
    ctx.fillStyle = r.color;
    ctx.fillRect(16, y - 5, 14, 10);
    ctx.strokeStyle = 'rgba(0, 0, 0, 0.25)';
    ctx.strokeRect(16.5, y - 4.5, 13, 9);
    ctx.fillStyle = '#1f2933';
    ctx.fillText(r.texts.join('  '), 38, y);
  });
}

function drawMeasure(ctx: CanvasRenderingContext2D, m: NonNullable<MapImageExtras['measure']>): void {
  if (!m.xy.length) return;
  ctx.beginPath();
  m.xy.forEach(([x, y], i) => (i ? ctx.lineTo(x, y) : ctx.moveTo(x, y)));
  if (m.closed) {
    ctx.closePath();
    ctx.fillStyle = 'rgba(26, 95, 200, 0.15)';
    ctx.fill();
  }
  ctx.strokeStyle = '#1a5fc8';
  ctx.lineWidth = 2;
  ctx.setLineDash([6, 4]);
  ctx.stroke();
  ctx.setLineDash([]);
  const [x, y] = m.xy[m.xy.length - 1]!;
  const w = ctx.measureText(m.text).width + 10;
  ctx.fillStyle = 'rgba(255, 255, 255, 0.94)';
  ctx.fillRect(x + 8, y - 10, w, 20);
  ctx.fillStyle = '#1f2933';
  ctx.fillText(m.text, x + 13, y);
}

/** The basemap's attribution, bottom right, as its licence asks. */
function drawAttribution(ctx: CanvasRenderingContext2D, pane: HTMLElement, width: number, height: number): void {
  const text = pane.querySelector('.maplibregl-ctrl-attrib-inner')?.textContent?.trim();
  if (!text) return;
  const w = ctx.measureText(text).width + 10;
  ctx.fillStyle = 'rgba(255, 255, 255, 0.8)';
  ctx.fillRect(width - w, height - 18, w, 18);
  ctx.fillStyle = '#1f2933';
  ctx.fillText(text, width - w + 5, height - 9);
}

/** Hands the image to the browser as a download (the save dialog in the desktop window). */
export function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
