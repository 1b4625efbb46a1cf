import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../init-backend';
import { randomInput, relativeError, runKernelOn, type InputSpec } from '../testing/parity';
import { convInfo } from './conv-geometry';
import { pooledReductionShape } from './fast-paths';

// Every kernel registered for wasm is checked against tfjs's reference 'cpu' kernels on random
// inputs: 1-D layouts as conv1d ([B,1,T,C]) and as the depthwise reshape ([B,T,1,C]) produce
// them, a true 2-D case, kernels 1/3/5/15, strides 1/2, 'same'/'valid'/explicit padding.
const TOL = 1e-5;

// tfjs's numeric pad assumes square filters, so explicit (asymmetric) padding stands in for it.
type Pad = 'same' | 'valid' | tf.backend_util.ExplicitPadding;
const explicitH: tf.backend_util.ExplicitPadding = [[0, 0], [3, 1], [0, 0], [0, 0]];
const explicitW: tf.backend_util.ExplicitPadding = [[0, 0], [0, 0], [3, 1], [0, 0]];
const padLabel = (p: Pad) => (typeof p === 'string' ? p : 'explicit 3/1');
interface ConvCase {
  label: string;
  x: number[];
  filter: number[];
  strides: [number, number];
  pad: Pad;
}

function convCases(depthwise: boolean): ConvCase[] {
  const cases: ConvCase[] = [];
  const cin = depthwise ? 4 : 3;
  for (const k of [1, 3, 5, 15]) {
    for (const s of [1, 2]) {
      for (const pad of ['same', 'valid', 'explicit'] as const) {
        const last = depthwise ? (k === 3 ? 2 : 1) : 5; // channel multiplier 2 once per stride/pad
        const padW = pad === 'explicit' ? explicitW : pad, padH = pad === 'explicit' ? explicitH : pad;
        const tag = `k=${k} s=${s} ${padLabel(padW)}`;
        cases.push({ label: `[B,1,T,C] ${tag}`, x: [2, 1, 37, cin], filter: [1, k, cin, last], strides: [1, s], pad: padW });
        cases.push({ label: `[B,T,1,C] ${tag}`, x: [2, 37, 1, cin], filter: [k, 1, cin, last], strides: [s, 1], pad: padH });
      }
    }
  }
  const last = depthwise ? 1 : 4;
  cases.push({ label: '2-D 3x3 s=2 same', x: [2, 9, 8, cin], filter: [3, 3, cin, last], strides: [2, 2], pad: 'same' });
  cases.push({ label: '2-D 5x3 s=(1,2) valid', x: [2, 11, 8, cin], filter: [5, 3, cin, last], strides: [1, 2], pad: 'valid' });
  cases.push({ label: '2-D 3x3 s=1 same m=3', x: [1, 6, 7, cin], filter: [3, 3, cin, depthwise ? 3 : 2], strides: [1, 1], pad: 'same' });
  return cases;
}

function outShape(c: ConvCase, depthwise: boolean): number[] {
  const info = convInfo(c.x, c.filter, c.strides, 1, c.pad, undefined, depthwise, 'NHWC');
  return [info.batchSize, info.outHeight, info.outWidth, info.outChannels];
}

async function parity(kernel: string, inputs: Record<string, InputSpec>, attrs: tf.NamedAttrMap) {
  const ref = await runKernelOn('cpu', kernel, inputs, attrs);
  const got = await runKernelOn('wasm', kernel, inputs, attrs);
  expect(got.shape).toEqual(ref.shape);
  return relativeError(got.values, ref.values);
}

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

describe('Conv2DBackpropFilter on wasm matches cpu', () => {
  it.each(convCases(false).map((c) => [c.label, c] as const))('%s', async (_label, c) => {
    const err = await parity(
      tf.Conv2DBackpropFilter,
      { x: randomInput(c.x, 1), dy: randomInput(outShape(c, false), 2) },
      { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', filterShape: c.filter },
    );
    expect(err).toBeLessThan(TOL);
  });
});

describe('DepthwiseConv2dNativeBackpropFilter on wasm matches cpu', () => {
  it.each(convCases(true).map((c) => [c.label, c] as const))('%s', async (_label, c) => {
    const err = await parity(
      tf.DepthwiseConv2dNativeBackpropFilter,
      { x: randomInput(c.x, 3), dy: randomInput(outShape(c, true), 4) },
      { strides: c.strides, pad: c.pad, dilations: [1, 1], filterShape: c.filter },
    );
    expect(err).toBeLessThan(TOL);
  });
});

describe('DepthwiseConv2dNativeBackpropInput on wasm matches cpu', () => {
  it.each(convCases(true).map((c) => [c.label, c] as const))('%s', async (_label, c) => {
    const err = await parity(
      tf.DepthwiseConv2dNativeBackpropInput,
      { dy: randomInput(outShape(c, true), 5), filter: randomInput(c.filter, 6) },
      { strides: c.strides, pad: c.pad, dilations: [1, 1], inputShape: c.x },
    );
    expect(err).toBeLessThan(TOL);
  });
});

describe('wasm fast paths match cpu', () => {
  it.each([
    ['2-D A^T B', [40, 7], [40, 9], true, false],
    ['2-D A B^T', [7, 40], [9, 40], false, true],
    ['2-D A^T B^T', [40, 7], [9, 40], true, true],
    ['3-D batched A B^T (attention scores)', [3, 11, 8], [3, 13, 8], false, true],
    ['3-D broadcast batch A^T B', [3, 16, 5], [1, 16, 6], true, false],
  ] as const)('BatchMatMul %s', async (_l, a, b, transposeA, transposeB) => {
    const err = await parity(tf.BatchMatMul, { a: randomInput([...a], 7), b: randomInput([...b], 8) }, { transposeA, transposeB });
    expect(err).toBeLessThan(TOL);
  });

  it.each([
    ['same', [2, 1, 37, 6], 'same'],
    ['valid', [2, 37, 1, 6], 'valid'],
    ['2-D', [2, 5, 4, 6], 'same'],
  ] as const)('Conv2DBackpropInput 1x1 stride 1 %s', async (_l, x, pad) => {
    const cout = 10;
    const err = await parity(
      tf.Conv2DBackpropInput,
      { dy: randomInput([x[0], x[1], x[2], cout], 9), filter: randomInput([1, 1, x[3], cout], 10) },
      { strides: [1, 1], pad, dataFormat: 'NHWC', inputShape: [...x] },
    );
    expect(err).toBeLessThan(TOL);
  });

  it('Conv2DBackpropInput with k=5 stride 2 still goes to the original kernel', async () => {
    const err = await parity(
      tf.Conv2DBackpropInput,
      { dy: randomInput([2, 1, 19, 4], 11), filter: randomInput([1, 5, 3, 4], 12) },
      { strides: [1, 2], pad: 'same', dataFormat: 'NHWC', inputShape: [2, 1, 37, 3] },
    );
    expect(err).toBeLessThan(TOL);
  });

  it.each([
    ['batch-norm gradient [1,1,1,C] -> [1,B,T,C]', [1, 1, 1, 6], [1, 4, 9, 1]],
    ['general tile (non-unit axis repeated)', [2, 3], [2, 3]],
  ] as const)('Tile %s', async (_l, shape, reps) => {
    const err = await parity(tf.Tile, { x: randomInput([...shape], 13) }, { reps: [...reps] });
    expect(err).toBe(0);
  });

  it.each([
    ['rank 2 columns', [40, 9], [3, 2], [30, 5]],
    ['rank 3 middle axis (a filter tap)', [8, 30, 6], [0, 2, 0], [8, 25, 6]],
    ['rank 4 contiguous leading block', [6, 5, 1, 4], [2, 0, 0, 0], [3, 5, 1, 4]],
    ['rank 4 every axis partial', [4, 6, 5, 7], [1, 2, 1, 3], [2, 3, 3, 4]],
    ['rank 5', [2, 3, 4, 5, 6], [1, 0, 1, 0, 0], [1, 3, 2, 5, 6]],
    ['rank 6', [2, 3, 2, 4, 5, 3], [0, 1, 0, 1, 0, 0], [2, 2, 2, 2, 5, 3]],
    ['rank 6 partial everywhere', [2, 3, 4, 3, 4, 3], [1, 1, 1, 1, 1, 1], [1, 1, 2, 1, 2, 1]],
    ['size -1 (to the end)', [5, 7], [1, 2], [-1, -1]],
  ] as const)('Slice %s', async (_l, shape, begin, size) => {
    const err = await parity(tf.Slice, { x: randomInput([...shape], 14) }, { begin: [...begin], size: [...size] });
    expect(err).toBe(0);
  });

  it('Slice of int32 and bool tensors copies bytes exactly', async () => {
    for (const dtype of ['int32', 'bool'] as const) {
      const values = Array.from({ length: 60 }, (_, i) => (dtype === 'bool' ? i % 3 === 0 : i * 7 - 100));
      const results: number[][] = [];
      for (const backend of ['cpu', 'wasm']) {
        await tf.setBackend(backend);
        const x = tf.tensor(values as number[], [3, 4, 5], dtype);
        const y = tf.slice(x, [1, 1, 2], [2, 2, 3]);
        results.push(Array.from(y.dataSync()));
        tf.dispose([x, y]);
      }
      expect(results[1]).toEqual(results[0]);
    }
  });

  it.each([
    ['Sum', [4, 9, 1, 6], [0, 1, 2], false],
    ['Sum', [4, 9, 6], [0, 1], true],
    ['Sum', [30, 6], [0], false],
    ['Sum (per example: SE pooling gradient)', [4, 9, 6], [1], false],
    ['Sum (middle block)', [3, 4, 9, 1, 6], [1, 2, 3], true],
    ['Sum (last axis: original kernel)', [4, 9, 6], [1, 2], false],
    ['Sum (not contiguous: original kernel)', [4, 9, 5, 6], [0, 2], false],
    ['Mean (per example: SE pooling)', [8, 11, 1, 6], [1, 2], true],
    ['Mean', [1, 8, 11, 6], [0, 1, 2], true],
    ['Mean', [8, 11, 6], [0, 1], false],
  ] as const)('%s over %j axes %j keepDims %s', async (kernel, shape, axis, keepDims) => {
    const name = kernel.startsWith('Sum') ? tf.Sum : tf.Mean;
    const err = await parity(name, { x: randomInput([...shape], 15) }, { axis: [...axis], keepDims });
    expect(err).toBeLessThan(TOL);
  });
});

it('Mean over a 16,000-sample window stays within float32 rounding of the inputs\' scale', async () => {
  // the mean of N(0,1) samples is near 0, so the error is measured against the inputs' scale (1)
  const x = randomInput([1, 64, 250, 3], 16);
  const ref = await runKernelOn('cpu', tf.Mean, { x }, { axis: [0, 1, 2], keepDims: false });
  const got = await runKernelOn('wasm', tf.Mean, { x }, { axis: [0, 1, 2], keepDims: false });
  expect(got.shape).toEqual([3]);
  expect(relativeError(got.values, ref.values, 1)).toBeLessThan(TOL);
});

it('Identity on wasm shares its input\'s buffer: a clone outlives its source, and the last one frees it', async () => {
  await tf.setBackend('wasm');
  const backend = tf.backend();
  const buffersBefore = backend.numDataIds();
  const x = tf.tensor([1.5, -2, 3], [3], 'float32');
  const y = tf.clone(x); // the Identity kernel
  expect(backend.numDataIds() - buffersBefore).toBe(1); // one buffer, two tensors
  x.dispose();
  expect(Array.from(y.dataSync())).toEqual([1.5, -2, 3]);
  y.dispose();
  expect(backend.numDataIds()).toBe(buffersBefore);
});

describe('pooledReductionShape: which Sum/Mean calls take the average-pooling path', () => {
  it.each([
    [[4, 9, 1, 6], [0, 1, 2], { outer: 1, reduced: 36, inner: 6 }],
    [[4, 9, 6], [1], { outer: 4, reduced: 9, inner: 6 }],
    [[3, 4, 9, 1, 6], [3, 1, 2], { outer: 3, reduced: 36, inner: 6 }],
    [[8, 11, 6], [-2], { outer: 8, reduced: 11, inner: 6 }],
    [[4, 9, 5, 6], [1], { outer: 4, reduced: 9, inner: 30 }],
  ] as const)('%j over %j', (shape, axis, plan) => {
    expect(pooledReductionShape(shape, [...axis])).toEqual(plan);
  });

  it.each([
    [[4, 9, 6], [1, 2]],
    [[4, 9, 6], [2]],
    [[4, 9, 5, 6], [0, 2]],
    [[6], [0]],
  ] as const)('%j over %j stays with the original kernel', (shape, axis) => {
    expect(pooledReductionShape(shape, [...axis])).toBeNull();
  });
});
