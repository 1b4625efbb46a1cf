import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundledSampleRoot, listMitdbBeats, testDataRoot } from '@efficientecg/datasets';
import { readPredictions } from '../../results/predictions';
import { runCli } from '../testing/run-cli';

type BeatLine = { record: string; sample: number; label: string; probs: Record<string, number> };
const lines = (stdout: string): BeatLine[] =>
  stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as BeatLine);

const record200 = join(bundledSampleRoot(), 'mitdb', '200');
const reference = listMitdbBeats(bundledSampleRoot(), '200');
const classAt = new Map(reference.map((b) => [b.sample, b.aamiClass]));

const tmp = mkdtempSync(join(tmpdir(), 'ecg-predict-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('ecg predict --model mitdb (the committed beat classifier) on MIT-BIH record 200, a DS2 record it never trained on', () => {
  it('--beats atr: one entry per reference beat with a full window, with probabilities over N/S/V/F/Q, and most N and V beats right', () => {
    const r = runCli(['predict', '--model', 'mitdb', '--backend', 'wasm', '--beats', 'atr', '--json', record200]);
    expect(r.status).toBe(0);
    const out = lines(r.stdout);
    // only beats whose 90 + 166-sample window runs off the record are left out
    expect(out.length).toBeGreaterThanOrEqual(reference.length - 2);
    expect(out.length).toBeLessThanOrEqual(reference.length);
    for (const b of out) {
      expect(classAt.has(b.sample)).toBe(true);
      expect(Object.keys(b.probs)).toEqual(['N', 'S', 'V', 'F', 'Q']);
      expect(Object.values(b.probs).reduce((a, p) => a + p, 0)).toBeCloseTo(1, 4);
    }
    const recall = (cls: string) => {
      const of = out.filter((b) => classAt.get(b.sample) === cls);
      return of.filter((b) => b.label === cls).length / of.length;
    };
    // record 200: 1,743 N and 826 V reference beats
    expect(recall('N')).toBeGreaterThan(0.8);
    expect(recall('V')).toBeGreaterThan(0.5);
  }, 300_000);

  it('without --beats: classifies the R peaks it detects, at the reference beats to within 50 ms', () => {
    const r = runCli(['predict', '--model', 'mitdb', '--backend', 'wasm', '--json', record200]);
    expect(r.status).toBe(0);
    const out = lines(r.stdout);
    expect(Math.abs(out.length - reference.length) / reference.length).toBeLessThan(0.01);
    const refs = reference.map((b) => b.sample);
    let j = 0;
    let near = 0;
    for (const b of out) {
      while (j + 1 < refs.length && Math.abs(refs[j + 1] - b.sample) <= Math.abs(refs[j] - b.sample)) j++;
      if (Math.abs(refs[j] - b.sample) <= 18) near++; // 50 ms at 360 Hz
    }
    expect(near / out.length).toBeGreaterThan(0.99);
  }, 300_000);
});

describe.skipIf(!testDataRoot())('ecg predict with a beat model that takes RR features and the record template (mitdb-inter-patient/rr-template, --quick)', () => {
  it('trains, exports and predicts with the rr_features input and the record\'s median beat as extra leads', () => {
    const runs = join(tmp, 'runs');
    const t = runCli(['--data-root', testDataRoot()!, 'train', '--experiment', 'mitdb-inter-patient', '--variant', 'rr-template', '--quick', '--runs-dir', runs, '--backend', 'wasm', '--json']);
    expect(t.status).toBe(0);
    const predictor = join(tmp, 'rr-predictor');
    expect(runCli(['export', '--run', join(runs, 'mitdb-inter-patient', 'rr-template-quick', 'seed-0'), '--name', 'rr', '--to', predictor]).status).toBe(0);
    const modelJson = readFileSync(join(predictor, 'model.json'), 'utf8');
    expect(modelJson).toContain('rr_features');
    expect(modelJson).toContain('"recordTemplate":true');
    // two leads of the beat and two of the template
    expect(modelJson).toMatch(/"batch_input_shape":\[null,256,4\]/);
    expect(readFileSync(join(predictor, 'model-card.md'), 'utf8')).toMatch(/RR features true, record template true[\s\S]*RR-interval log ratios[\s\S]*median beat/);
    const p = runCli(['predict', '--model', predictor, '--backend', 'wasm', '--beats', 'atr', '--json', record200]);
    expect(p.status).toBe(0);
    expect(lines(p.stdout).length).toBeGreaterThanOrEqual(reference.length - 2);
  }, 300_000);
});

describe('ecg predict with a record model that takes the record\'s rhythm (cinc2017/rhythm-features, --quick, bundled sample)', () => {
  it('trains, exports and predicts each test record with the probabilities its run evaluated', () => {
    const runs = join(tmp, 'rhythm-runs');
    const t = runCli(['--data-root', bundledSampleRoot(), 'train', '--experiment', 'cinc2017', '--variant', 'rhythm-features', '--quick', '--runs-dir', runs, '--backend', 'wasm', '--json']);
    expect(t.status).toBe(0);
    const runDir = join(runs, 'cinc2017', 'rhythm-features-quick', 'seed-0');
    expect(JSON.parse(readFileSync(join(runDir, 'config.json'), 'utf8')).inputNames).toEqual(['signal', 'beat_features', 'beat_mask', 'rr_features']);
    const predictor = join(tmp, 'rhythm-predictor');
    expect(runCli(['export', '--run', runDir, '--name', 'rhythm', '--to', predictor]).status).toBe(0);
    expect(readFileSync(join(predictor, 'model.json'), 'utf8')).toContain('rr_features');
    expect(readFileSync(join(predictor, 'model-card.md'), 'utf8')).toMatch(/record rhythm features true[\s\S]*the whole record's rhythm \(logMedianRR, rrCV/);
    // predict's analysis of a record (its rhythm included) is the one the run's evaluation made
    const evaluated = readPredictions(join(runDir, 'predictions.csv'));
    const records = evaluated.ids.map((id) => join(bundledSampleRoot(), 'cinc2017', id));
    const p = runCli(['predict', '--model', predictor, '--backend', 'wasm', '--json', ...records]);
    expect(p.status).toBe(0);
    const out = p.stdout.trim().split('\n').map((l) => JSON.parse(l) as { probs: Record<string, number> });
    expect(out).toHaveLength(evaluated.ids.length);
    out.forEach((o, i) => evaluated.classNames.forEach((c, k) => expect(o.probs[c]).toBeCloseTo(evaluated.probs[i][k], 4)));
    // the variant finds R peaks with hamilton; the predictor records it and predict uses it (A00018: 27 beats, not pan-tompkins' 53)
    const modelJson = JSON.parse(readFileSync(join(predictor, 'model.json'), 'utf8'));
    expect(modelJson.userDefinedMetadata.predictor.rPeakMethod).toBe('hamilton');
    expect(readFileSync(join(predictor, 'model-card.md'), 'utf8')).toContain('R peaks by hamilton');
    const withDefault = join(tmp, 'rhythm-predictor-default-peaks');
    cpSync(predictor, withDefault, { recursive: true });
    delete modelJson.userDefinedMetadata.predictor.rPeakMethod;
    writeFileSync(join(withDefault, 'model.json'), JSON.stringify(modelJson));
    const a00018 = join(bundledSampleRoot(), 'cinc2017', 'A00018');
    const [h, d] = [predictor, withDefault].map((m) => {
      const r = runCli(['predict', '--model', m, '--backend', 'wasm', '--json', a00018]);
      expect(r.status).toBe(0);
      return JSON.parse(r.stdout.trim()) as { probs: Record<string, number> };
    });
    expect(Object.keys(h.probs).some((c) => Math.abs(h.probs[c] - d.probs[c]) > 1e-4)).toBe(true);
  }, 300_000);
});
