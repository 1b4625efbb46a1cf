import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isBeatSymbol, readWfdbAnnotations, readWfdbRecord, type WfdbAnnotation } from '@efficientecg/datasets';
import { beatFeatures, countPWavesByRhythm, delineatePWaves, detectRPeaks, rhythmAt, type PWave } from '@efficientecg/signal';
import { timeBest, type BenchSuite } from '../harness';

interface Loaded {
  name: string;
  fs: number;
  signal: Float32Array;
  annotations: WfdbAnnotation[];
  beats: WfdbAnnotation[];
  peaks: number[];
}

const AF_RECORDS = ['201', '202', '203', '210', '219', '221', '222'];
const PACED_RECORDS = ['102', '104', '107', '217'];

function pct(withP: number, beats: number): number {
  return beats ? Math.round((1000 * withP) / beats) / 10 : NaN;
}

export const suite: BenchSuite = {
  name: 'signal-pwave',
  description:
    'P-wave delineation on all 48 MIT-BIH records (lead 0, reference beats): share of beats with a P wave inside (AFIB episodes (target < 20 %) and (N episodes (target > 85 %); delineation and feature speed',
  async run({ dataRoot, log }) {
    if (!dataRoot) return { skipped: 'no data root' };
    const dir = join(dataRoot, 'mitdb');
    const names = readdirSync(dir).filter((f) => f.endsWith('.hea')).map((f) => f.slice(0, -4)).sort();
    const records: Loaded[] = names.map((name) => {
      const rec = readWfdbRecord(join(dir, name), { channels: [0], verify: 'skip' });
      const annotations = readWfdbAnnotations(join(dir, name)).annotations;
      const beats = annotations.filter((a) => isBeatSymbol(a.symbol) && a.sample < rec.nSamples);
      return { name, fs: rec.fs, signal: rec.signals[0], annotations, beats, peaks: beats.map((b) => b.sample) };
    });
    const totalBeats = records.reduce((n, r) => n + r.peaks.length, 0);

    const waves = new Map<string, PWave[]>();
    const msDelineate = await timeBest(() => {
      for (const r of records) waves.set(r.name, delineatePWaves(r.signal, r.fs, r.peaks));
    }, 3);
    const msFeatures = await timeBest(() => {
      for (const r of records) beatFeatures(r.signal, r.fs, r.peaks, { pwaves: waves.get(r.name)! });
    }, 3);
    log(`${records.length} records, ${totalBeats} beats: delineation ${msDelineate.toFixed(0)} ms (${((totalBeats / msDelineate) * 1000).toFixed(0)} beats/s), features from given P waves ${msFeatures.toFixed(0)} ms`);

    // pooled per rhythm; sinus also restricted to normal ('N') beats
    const pooled = new Map<string, { beats: number; withP: number }>();
    const perRecord: Record<string, Record<string, number>> = {};
    let nsrNormalBeats = 0;
    let nsrNormalWithP = 0;
    for (const r of records) {
      const present = waves.get(r.name)!.map((w) => w.present);
      const counts = countPWavesByRhythm(r.annotations, r.peaks, present);
      perRecord[r.name] = {};
      for (const [rhythm, c] of counts) {
        const p = pooled.get(rhythm) ?? { beats: 0, withP: 0 };
        p.beats += c.beats;
        p.withP += c.withP;
        pooled.set(rhythm, p);
        perRecord[r.name][rhythm || '(none)'] = pct(c.withP, c.beats);
      }
      const rhythms = rhythmAt(r.annotations, r.peaks);
      r.beats.forEach((b, i) => {
        if (rhythms[i] === 'N' && b.symbol === 'N') {
          nsrNormalBeats++;
          if (present[i]) nsrNormalWithP++;
        }
      });
    }
    const af = pooled.get('AFIB')!;
    const nsr = pooled.get('N')!;
    const afShare = pct(af.withP, af.beats);
    const nsrShare = pct(nsr.withP, nsr.beats);
    log(`AFIB: ${af.withP}/${af.beats} beats with P = ${afShare} % (target < 20 %); (N: ${nsr.withP}/${nsr.beats} = ${nsrShare} % (target > 85 %); normal beats in (N: ${pct(nsrNormalWithP, nsrNormalBeats)} %`);
    const afPerRecord = Object.fromEntries(AF_RECORDS.map((n) => [n, perRecord[n]?.AFIB ?? null]));
    log(`AF share per record: ${AF_RECORDS.map((n) => `${n} ${afPerRecord[n]} %`).join(', ')}`);
    const pacedPerRecord = Object.fromEntries(PACED_RECORDS.map((n) => [n, perRecord[n]?.P ?? null]));
    log(`paced rhythm (P) share per record: ${PACED_RECORDS.map((n) => `${n} ${pacedPerRecord[n]} %`).join(', ')}`);

    // the same check with detected instead of reference R peaks (the real pipeline)
    const detected = new Map<string, { beats: number; withP: number }>();
    for (const r of records) {
      const peaks = detectRPeaks(r.signal, r.fs);
      const present = delineatePWaves(r.signal, r.fs, peaks).map((w) => w.present);
      for (const [rhythm, c] of countPWavesByRhythm(r.annotations, peaks, present)) {
        const p = detected.get(rhythm) ?? { beats: 0, withP: 0 };
        p.beats += c.beats;
        p.withP += c.withP;
        detected.set(rhythm, p);
      }
    }
    const afDet = detected.get('AFIB')!;
    const nsrDet = detected.get('N')!;
    log(`with detected R peaks: AFIB ${pct(afDet.withP, afDet.beats)} %, (N ${pct(nsrDet.withP, nsrDet.beats)} %`);

    return {
      records: records.length,
      beats: totalBeats,
      delineateMs: msDelineate,
      delineateBeatsPerS: (totalBeats / msDelineate) * 1000,
      featuresMs: msFeatures,
      afBeats: af.beats,
      afSharePct: afShare,
      afTargetPct: 20,
      afMeetsTarget: afShare < 20,
      nsrBeats: nsr.beats,
      nsrSharePct: nsrShare,
      nsrTargetPct: 85,
      nsrMeetsTarget: nsrShare > 85,
      nsrNormalBeatSharePct: pct(nsrNormalWithP, nsrNormalBeats),
      afSharePctPerRecord: afPerRecord,
      pacedSharePctPerRecord: pacedPerRecord,
      sharePctByRhythm: Object.fromEntries([...pooled].map(([k, v]) => [k || '(none)', { beats: v.beats, pct: pct(v.withP, v.beats) }])),
      detectedPeaks: { afSharePct: pct(afDet.withP, afDet.beats), nsrSharePct: pct(nsrDet.withP, nsrDet.beats) },
      perRecordSharePct: perRecord,
    };
  },
};
