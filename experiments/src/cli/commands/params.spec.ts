import { describe, expect, it } from 'vitest';
import { runCli } from '../testing/run-cli';
import type { ParamsRow } from '../../params/comparison';

describe('ecg params', () => {
  it('without --model prints the comparison: EfficientECG, its ablations, EfficientNet-1D and four baselines', () => {
    const r = runCli(['params', '--json']);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { input: { length: number }; models: ParamsRow[] };
    expect(out.input.length).toBe(256);
    expect(out.models.map((m) => m.name)).toEqual(['efficientecg', 'efficientecg', 'efficientecg', 'efficientecg', 'efficientnet1d', 'resnet34-hannun', 'resnet18-se', 'cnn-lstm', 'ecg-transformer']);
    const [full, noSe, noLstm, noFusion] = out.models;
    for (const ablated of [noSe, noLstm, noFusion]) expect(ablated.total).toBeLessThan(full.total);
    // EfficientECG is several times smaller than the ResNet baselines it is compared with
    expect(out.models[5].total / full.total).toBeGreaterThan(5);
    expect(out.models.every((m) => m.macs > 0 && m.citation.length > 0)).toBe(true);
  }, 60_000);
  it('one model with switches, leads and classes; the human table names the input', () => {
    const r = runCli(['params', '--model', 'efficientecg', '--no-fusion', '--leads', '12', '--classes', '5', '--length', '1000']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/input: 1000 samples x 12 leads, 5 classes/);
    expect(r.stdout).toMatch(/efficientecg\s+0\.\d{3}/);
  }, 60_000);
  it('bad arguments exit 2 with one line', () => {
    const r = runCli(['params', '--model', 'alexnet']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown model "alexnet"/);
    expect(runCli(['params', '--leads', '0']).status).toBe(2);
  });
});
