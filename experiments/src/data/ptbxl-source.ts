import { PTBXL_SUPERCLASSES, ptbxlExamples, type LeadSet, type PtbxlEntry, type PtbxlTask } from '@efficientecg/datasets';
import { ArrayExampleSource, type ArrayInput } from '@efficientecg/models';
import { N_BEAT_FEATURES } from './beat-context';
import type { DemographicEncoder } from './demographics';
import { analyseLead } from './lead-analysis';
import { zscoreInto } from './normalize';
import { concatRows } from './rows';
import { windowFeatureSequence } from './window-features';

export interface PtbxlSourceOptions {
  task: PtbxlTask;
  leadSet: LeadSet;
  /** Model sampling rate (Hz): leads are resampled to it after cleaning (absent: the records' own rate). */
  fs?: number;
  contextBeats: number;
  demographics?: DemographicEncoder;
}

/** Lead II: the rhythm lead the beat features (R peaks, P waves) are measured on. */
const RHYTHM_LEAD = 'II';

/**
 * PTB-XL records as model inputs: "signal" [samples, leads] cleaned and z-scored per
 * lead, beat features of lead II, age and sex. 'normal-abnormal' is a 2-class
 * softmax task (class 1 = Abnormal); 'superclasses' is multi-label over
 * NORM/MI/STTC/CD/HYP. Groups are patients (the record itself when unknown).
 */
export function buildPtbxlSource(entries: readonly PtbxlEntry[], o: PtbxlSourceOptions): ArrayExampleSource {
  const sig: Float32Array[] = [];
  const feats: Float32Array[] = [];
  const masks: Float32Array[] = [];
  const ages: number[] = [];
  const sexes: number[] = [];
  const targets: Float32Array[] = [];
  const groups: string[] = [];
  const ids: string[] = [];
  let shape: [number, number] | null = null;
  for (const ex of ptbxlExamples(entries, { leadSet: o.leadSet, task: o.task, verify: 'report' })) {
    const rhythm = ex.leadNames.findIndex((l) => l.toUpperCase() === RHYTHM_LEAD);
    const analysed = ex.signals.map((s, c) => analyseLead(s, ex.fs, o.fs ?? ex.fs, o.contextBeats > 0 && c === rhythm));
    const cleaned = analysed.map((a) => a.signal);
    const n = cleaned[0].length;
    const leads = ex.signals.length;
    shape ??= [n, leads];
    if (shape[0] !== n || shape[1] !== leads) throw new RangeError(`${ex.recordPath}: ${n} x ${leads}, but earlier records are ${shape[0]} x ${shape[1]}`);
    const w = new Float32Array(n * leads);
    cleaned.forEach((ch, c) => {
      for (let t = 0; t < n; t++) w[t * leads + c] = ch[t];
    });
    zscoreInto(w, n, leads);
    sig.push(w);
    if (o.contextBeats > 0) {
      const seq = windowFeatureSequence(rhythm >= 0 ? analysed[rhythm].features : [], 0, n, o.contextBeats);
      feats.push(seq.values);
      masks.push(seq.mask);
    }
    if (o.demographics) {
      const d = { age: ex.age, ageStatus: ex.ageStatus, sex: ex.sex };
      ages.push(o.demographics.age(d));
      sexes.push(o.demographics.sex(d));
    }
    targets.push(ex.targets);
    groups.push(ex.patientId ?? ex.id);
    ids.push(ex.id);
  }
  if (!shape) throw new RangeError('buildPtbxlSource: no records');
  const [n, leads] = shape;
  const inputs: ArrayInput[] = [{ name: 'signal', data: concatRows(sig, n * leads), shape: [n, leads] }];
  if (o.contextBeats > 0) {
    inputs.push({ name: 'beat_features', data: concatRows(feats, o.contextBeats * N_BEAT_FEATURES), shape: [o.contextBeats, N_BEAT_FEATURES] });
    inputs.push({ name: 'beat_mask', data: concatRows(masks, o.contextBeats * N_BEAT_FEATURES), shape: [o.contextBeats, N_BEAT_FEATURES] });
  }
  if (o.demographics) {
    inputs.push({ name: 'age', data: Float32Array.from(ages), shape: [1] });
    inputs.push({ name: 'sex', data: Float32Array.from(sexes), shape: [1] });
  }
  if (o.task === 'normal-abnormal') {
    return new ArrayExampleSource({ inputs, nClasses: 2, labels: Int32Array.from(targets, (t) => t[0]), groups, ids });
  }
  return new ArrayExampleSource({ inputs, nClasses: PTBXL_SUPERCLASSES.length, multiHot: concatRows(targets, PTBXL_SUPERCLASSES.length), groups, ids });
}
