import * as tf from '@tensorflow/tfjs';
import {
  buildReferenceNet,
  formatBackendInfo,
  initBackend,
  referenceNetSpec,
  registerWasmFastPaths,
  unregisterWasmFastPaths,
} from '@efficientecg/models';
import type { BenchSuite } from '../harness';

/**
 * Training throughput of the reference conv net (~0.5 M parameters, environment.md) on the
 * tfjs backends available without native TensorFlow: wasm with the training kernels and fast
 * paths, wasm with the training kernels only, and pure-JS 'cpu' (one small step: it is slow).
 */
const BATCH = 64, TIME_STEPS = 256, LEADS = 2, CLASSES = 5;
const CPU_BATCH = 8;

function trainingStep(batch: number) {
  const model = buildReferenceNet(referenceNetSpec(TIME_STEPS, LEADS, CLASSES));
  const x = tf.randomNormal([batch, TIME_STEPS, LEADS], 0, 1, 'float32', 1);
  const y = tf.oneHot(tf.tensor1d(Array.from({ length: batch }, (_, i) => i % CLASSES), 'int32'), CLASSES).toFloat();
  const optimizer = tf.train.adam(1e-3);
  const lossFn = () => tf.mean(tf.metrics.categoricalCrossentropy(y, model.apply(x, { training: true }) as tf.Tensor)) as tf.Scalar;
  return {
    params: model.countParams(),
    step: () => {
      const loss = optimizer.minimize(lossFn, true)!;
      loss.dataSync();
      loss.dispose();
    },
    infer: () => (model.predict(x) as tf.Tensor).dataSync(),
    dispose: () => {
      optimizer.dispose();
      model.dispose();
      tf.dispose([x, y]);
    },
  };
}

/** Mean ms per call after `warmup` calls. */
function msPerCall(fn: () => unknown, calls: number, warmup = 1): number {
  for (let i = 0; i < warmup; i++) fn();
  const t0 = performance.now();
  for (let i = 0; i < calls; i++) fn();
  return (performance.now() - t0) / calls;
}

export const suite: BenchSuite = {
  name: 'models-backend',
  description:
    'Training step of the reference MBConv net (batch 64 x 256 samples x 2 leads, Adam): wasm with training kernels + fast paths vs without fast paths vs pure-JS cpu (batch 8), samples/s; target: wasm >= 50x cpu',
  async run({ log }) {
    const wasmInfo = await initBackend({ backend: 'wasm' });
    log(formatBackendInfo(wasmInfo));
    const net = trainingStep(BATCH);
    registerWasmFastPaths();
    const wasmMs = msPerCall(net.step, 4);
    const inferMs = msPerCall(net.infer, 4);
    unregisterWasmFastPaths();
    const wasmPlainMs = msPerCall(net.step, 2);
    registerWasmFastPaths();
    net.dispose();
    log(`wasm: ${wasmMs.toFixed(0)} ms/step (${((BATCH / wasmMs) * 1000).toFixed(1)} samples/s), without fast paths ${wasmPlainMs.toFixed(0)} ms/step; inference ${((BATCH / inferMs) * 1000).toFixed(0)} samples/s`);

    await initBackend({ backend: 'cpu' });
    const cpuNet = trainingStep(CPU_BATCH);
    const cpuMs = msPerCall(cpuNet.step, 1, 0); // the first step includes no compilation on 'cpu'
    cpuNet.dispose();
    log(`cpu: ${cpuMs.toFixed(0)} ms/step at batch ${CPU_BATCH} (${((CPU_BATCH / cpuMs) * 1000).toFixed(2)} samples/s)`);
    await initBackend({ backend: 'wasm' });

    const wasmSps = (BATCH / wasmMs) * 1000, cpuSps = (CPU_BATCH / cpuMs) * 1000;
    return {
      backend: wasmInfo.name,
      simd: wasmInfo.simd,
      params: net.params,
      input: `${BATCH} x ${TIME_STEPS} x ${LEADS}`,
      wasmMsPerStep: wasmMs,
      wasmSamplesPerS: wasmSps,
      wasmNoFastPathsMsPerStep: wasmPlainMs,
      wasmNoFastPathsSamplesPerS: (BATCH / wasmPlainMs) * 1000,
      fastPathSpeedup: wasmPlainMs / wasmMs,
      wasmInferenceSamplesPerS: (BATCH / inferMs) * 1000,
      cpuBatch: CPU_BATCH,
      cpuMsPerStep: cpuMs,
      cpuSamplesPerS: cpuSps,
      wasmOverCpu: wasmSps / cpuSps,
      meetsTarget: wasmSps / cpuSps >= 50,
      loadAverage1m: (await import('node:os')).loadavg()[0],
    };
  },
};
