import * as tf from '@tensorflow/tfjs';
import { buildModel, initBackend } from '@efficientecg/models';
import { timeBest, type BenchSuite } from '../harness';

/** Inference latency per record: EfficientECG on one 10-s 12-lead record at 500 Hz (5,000 x 12), and one CinC 2017 window. */
export const suite: BenchSuite = {
  name: 'models-inference',
  description: 'EfficientECG inference latency for one 10-s 12-lead record at 500 Hz and one 10-s CinC 2017 window, per backend',
  async run({ log }) {
    const cases = [
      { id: 'ptbxl500-12lead', inputLength: 5000, leads: 12, classes: 5, fusion: true },
      { id: 'cinc2017-window', inputLength: 3000, leads: 1, classes: 4, fusion: false },
    ];
    const out: Record<string, number> = {};
    for (const backend of ['wasm', 'cpu'] as const) {
      await initBackend({ backend });
      for (const c of cases) {
        const built = buildModel('efficientecg', { inputLength: c.inputLength, leads: c.leads, classes: c.classes, task: 'single-label', seed: 0, fusion: c.fusion });
        const inputs = built.inputNames.map((n) => (n === 'signal' ? tf.randomNormal([1, c.inputLength, c.leads]) : n.startsWith('beat') ? tf.ones([1, 16, 8]) : tf.zeros([1, 1])));
        const once = async () => {
          const y = built.model.predict(inputs) as tf.Tensor;
          await y.data();
          y.dispose();
        };
        await once(); // warm-up (kernel compilation, weight upload)
        const ms = await timeBest(once, backend === 'cpu' ? 1 : 5);
        log(`${backend} ${c.id}: ${ms.toFixed(0)} ms per record`);
        out[`${backend}_${c.id}_ms`] = ms;
        tf.dispose(inputs);
        built.model.dispose();
      }
    }
    return out;
  },
};
