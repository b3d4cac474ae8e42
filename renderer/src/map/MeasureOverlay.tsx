import type * as maplibregl from 'maplibre-gl';
import { useEffect, useState } from 'react';
import { pathLength, polygonArea, type LonLat } from '../../../shared/geo/geodesic';
import { fill } from '../i18n';
import { useT } from '../state/store';
import { formatArea, formatLength, formatSquareMetres, pyeong } from './measureFormat';
import type { Measure } from './useMeasure';

/** What a measurement's points measure: a length, or an area with its perimeter. */
export function measureText(mode: 'distance' | 'area', points: readonly LonLat[], t: ReturnType<typeof useT>): string {
  if (mode === 'distance') return fill(t('measureDistanceIs'), { length: formatLength(pathLength(points)) });
  const area = polygonArea(points);
  return fill(t('measureAreaIs'), {
    area: formatArea(area),
    m2: formatSquareMetres(area),
    pyeong: pyeong(area),
    perimeter: formatLength(points.length > 2 ? pathLength([...points, points[0]!]) : pathLength(points)),
  });
}

/**
 * The measurement drawn over the map (an SVG following the map as it moves) and read out below
 * it, in a live region so that a screen reader hears each new figure.
 */
export function MeasureOverlay({ map, measure }: { map: maplibregl.Map | null; measure: Measure }) {
  const t = useT();
  const [, redraw] = useState(0);
  useEffect(() => {
    if (!map || !measure.mode) return;
    const onMove = () => redraw((n) => n + 1);
    map.on('move', onMove);
    map.on('resize', onMove);
    return () => {
      map.off('move', onMove);
      map.off('resize', onMove);
    };
  }, [map, measure.mode]);
  const { mode, points, cursor, finished } = measure;
  if (!map || !mode) return null;
  const shown = finished || !cursor ? points : [...points, cursor];
  const xy = shown.map((p) => map.project(p as [number, number])).map((p) => `${p.x},${p.y}`);
  const canvas = map.getCanvas();
  const enough = points.length >= (mode === 'area' ? 3 : 2);
  return (
    <>
      <svg className="measure-overlay" aria-hidden="true" data-testid="measure-overlay" data-points={points.length}>
        {mode === 'area' && shown.length > 2 ? (
          <polygon points={xy.join(' ')} className="measure-shape" />
        ) : (
          <polyline points={xy.join(' ')} className="measure-shape" />
        )}
        {points.map((_, i) => {
          const [x, y] = xy[i]!.split(',');
          return <circle key={i} cx={x} cy={y} r={3.5} className="measure-point" />;
        })}
        {!finished && (
          <g className="measure-cross" transform={`translate(${canvas.clientWidth / 2} ${canvas.clientHeight / 2})`}>
            <line x1={-8} x2={8} y1={0} y2={0} />
            <line x1={0} x2={0} y1={-8} y2={8} />
          </g>
        )}
      </svg>
      <div className="measure-readout" role="status" aria-live="polite" data-testid="measure-readout">
        <strong data-testid="measure-value">
          {enough ? measureText(mode, points, t) : t(mode === 'area' ? 'measureAreaStart' : 'measureDistanceStart')}
        </strong>
        {!finished && <span className="small">{t('measureHint')}</span>}
        <button type="button" className="link" onClick={measure.stop} data-testid="measure-clear">
          {t('measureClose')}
        </button>
      </div>
    </>
  );
}
