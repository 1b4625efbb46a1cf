import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFolderAtomic, writeJsonAtomic } from '@efficientecg/datasets';
import { copyWeightsByLayer, loadModelFromDir, pretrainLstmAutoencoder, saveModelToDir, type ArrayInput, type LstmAutoencoder, type SequenceSet } from '@efficientecg/models';

/** The beat-feature sequences of an example source (its beat_features / beat_mask inputs). */
export function sequencesOf(inputs: readonly ArrayInput[]): SequenceSet | null {
  const values = inputs.find((i) => i.name === 'beat_features');
  const mask = inputs.find((i) => i.name === 'beat_mask');
  if (!values || !mask) return null;
  const [seqLen, nFeatures] = values.shape as number[];
  return { values: values.data, mask: mask.data, count: values.data.length / (seqLen * nFeatures), seqLen, nFeatures };
}

/**
 * LSTM-AE pretraining as its own stage: reconstruction on the training split's
 * beat-feature sequences, cached per experiment and seed in `cacheDir` so every
 * variant with an LSTM-AE reuses the same pretrained encoder.
 */
export async function pretrainedLstmAutoencoder(
  ae: LstmAutoencoder,
  sequences: SequenceSet,
  o: { cacheDir: string; epochs: number; seed: number; log(m: string): void; dataKey: unknown },
): Promise<{ history: number[]; cached: boolean }> {
  const dir = join(o.cacheDir, 'autoencoder');
  // what the cached encoder was trained on: a cache made from other data (another rate, window or split) is redone
  const key = JSON.stringify({ data: o.dataKey, sequences: sequences.count, seqLen: sequences.seqLen, nFeatures: sequences.nFeatures, epochs: o.epochs });
  const stored = cachedKey(o.cacheDir);
  const cached = existsSync(join(dir, 'model.json'));
  if (cached && stored !== null && stored !== key) {
    o.log(`LSTM-AE: the cache in ${o.cacheDir} was made from other data or settings; pretraining again`);
  } else if (cached) {
    const saved = await loadModelFromDir(dir);
    copyWeightsByLayer(saved, ae.autoencoder, dir);
    saved.dispose();
    o.log(`LSTM-AE: reusing the pretrained autoencoder in ${o.cacheDir}`);
    // the reused encoder's own pretraining curve, so a run's history says what it was built on
    return { history: cachedHistory(o.cacheDir), cached: true };
  }
  // the classifier freezes the encoder; pretraining must update it
  const frozen = ae.encoder.layers.map((l) => l.trainable);
  for (const l of ae.encoder.layers) l.trainable = true;
  const r = await pretrainLstmAutoencoder(ae, sequences, {
    epochs: o.epochs,
    batchSize: 64,
    seed: o.seed,
    learningRate: 1e-3,
    onEpochEnd: (e, loss) => o.log(`LSTM-AE pretraining epoch ${e + 1}/${o.epochs}: masked MSE ${loss.toFixed(4)}`),
  });
  ae.encoder.layers.forEach((l, i) => (l.trainable = frozen[i]));
  await writeFolderAtomic(o.cacheDir, async (tmp) => {
    await saveModelToDir(ae.autoencoder, join(tmp, 'autoencoder'));
    writeJsonAtomic(join(tmp, 'history.json'), { maskedMse: r.history, sequences: sequences.count, key });
  });
  return { history: r.history, cached: false };
}

/** The cache's history.json (null when absent or unreadable). */
function cachedRecord(cacheDir: string): { key?: unknown; maskedMse?: unknown } | null {
  const file = join(cacheDir, 'history.json');
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as { key?: unknown; maskedMse?: unknown };
  } catch {
    return null;
  }
}

/** The key a cache was written with (null for caches from before keys were recorded). */
function cachedKey(cacheDir: string): string | null {
  const key = cachedRecord(cacheDir)?.key;
  return typeof key === 'string' ? key : null;
}

/** The masked-MSE curve the cached autoencoder was pretrained with ([] when not recorded). */
export function cachedHistory(cacheDir: string): number[] {
  const h = cachedRecord(cacheDir)?.maskedMse;
  return Array.isArray(h) && h.every((v) => typeof v === 'number') ? h : [];
}
