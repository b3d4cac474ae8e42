import { openHostCore } from '../electron/host/hostCore';

export interface QueryMeasurement {
  name: string;
  dsl: string;
  arrowBytes: number;
  minMs: number;
  medianMs: number;
  maxMs: number;
}

export const QUERIES: [string, string][] = [
  ['one 시군구, take 500', "parcels | where SGG_NM == '종로구' | take 500"],
  ['attribute filter + aggregate', "parcels | where SI_NM == '서울특별시' and JIMOK == '대' | stats count(), sum(AREA_M2) by SGG_NM"],
  ['whole-store aggregate', 'parcels | stats count() by JIMOK'],
  ['bbox around a centre', 'parcels | within near(126.978, 37.5665, 1500)'],
];

/** DSL queries end to end in the host (compile → DuckDB → Arrow IPC bytes), warm. */
export async function runQuerySuite(storeDir: string, workspaceDir: string, runs: number): Promise<QueryMeasurement[]> {
  const core = await openHostCore({ storeDir, workspaceDir });
  const out: QueryMeasurement[] = [];
  try {
    for (const [name, dsl] of QUERIES) {
      const times: number[] = [];
      let arrowBytes = 0;
      for (let i = 0; i < runs + 1; i++) {
        const t0 = performance.now();
        const res = await core.queries.run(dsl);
        if (!res.ok) throw new Error(`${name}: ${res.error.error}`);
        let bytes = 0;
        for await (const chunk of res.body) bytes += chunk.length;
        if (i > 0) times.push(performance.now() - t0); // the first run warms the caches
        arrowBytes = bytes;
      }
      times.sort((a, b) => a - b);
      out.push({ name, dsl, arrowBytes, minMs: times[0]!, medianMs: times[Math.floor(times.length / 2)]!, maxMs: times[times.length - 1]! });
    }
  } finally {
    await core.close();
  }
  return out;
}
