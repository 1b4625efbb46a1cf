// Test fixture: a `preload` module after which model.predict in this worker thread returns uniform
// probabilities, so a test can tell whether the trainer validated on the workers (loss ln K) or
// in its own thread. Training steps use model.apply and are unaffected.
const tf = require('@tensorflow/tfjs');
tf.LayersModel.prototype.predict = function uniformPredict(x) {
  const rows = (Array.isArray(x) ? x[0] : x).shape[0];
  const k = this.outputs[0].shape[1];
  return tf.fill([rows, k], 1 / k);
};
