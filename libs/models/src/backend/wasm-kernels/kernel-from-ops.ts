import * as tf from '@tensorflow/tfjs';
import type { KernelBackend, KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs';

/**
 * Builds a kernel out of ordinary tf ops. Kernels receive TensorInfo (data ids owned by the
 * caller) and must return a TensorInfo whose data the engine then owns, so:
 * - each input is wrapped in a Tensor after `incRef` (disposing the wrapper gives the ref back);
 * - the result gets one extra ref before its own tensor is disposed, and that ref is the one the
 *   engine's new output tensor takes over.
 * Ops run inside a kernel are not recorded on the gradient tape (engine kernelDepth > 0).
 * This relies on tfjs internals (engine.makeTensorFromTensorInfo, backend.incRef): tfjs is pinned
 * to 4.22.0 and the parity tests in this folder catch an upgrade that changes them.
 */
export type OpsKernel = (inputs: Record<string, tf.Tensor>, attrs: NamedAttrMap) => tf.Tensor;

export function kernelFromOps(fn: OpsKernel): KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const b = backend as KernelBackend;
    const engine = tf.engine();
    const wrapped: Record<string, tf.Tensor> = {};
    try {
      for (const [name, info] of Object.entries(inputs)) {
        if (info == null) continue;
        b.incRef(info.dataId);
        wrapped[name] = engine.makeTensorFromTensorInfo(info as TensorInfo, b);
      }
      const out = tf.tidy(() => fn(wrapped, attrs ?? {}));
      b.incRef(out.dataId);
      out.dispose();
      return { dataId: out.dataId, shape: out.shape, dtype: out.dtype };
    } finally {
      for (const t of Object.values(wrapped)) t.dispose();
    }
  };
}
