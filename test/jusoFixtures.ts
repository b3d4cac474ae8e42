import type { JusoParcel } from '../bench/synth/jusoGenerator';
import { openEngine } from '../electron/engine/engine';
import { paths } from '../electron/host/paths';
import { attachStore } from '../electron/store/storeCatalog';

/** Every parcel of the bundled sample store, as the 도로명주소 DB generators take them. */
export async function sampleJusoParcels(): Promise<JusoParcel[]> {
  const engine = await openEngine({ allowedDirectories: [paths.sampleStore()] });
  try {
    await attachStore(engine, paths.sampleStore());
    return await engine.rows<JusoParcel>('SELECT PNU AS pnu, SI_NM AS sido, SGG_NM AS sgg, EMD_NM AS emd, RI_NM AS ri FROM parcels');
  } finally {
    await engine.close();
  }
}
