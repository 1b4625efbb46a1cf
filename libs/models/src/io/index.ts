// Saving/loading tf.LayersModel to a folder (model.json + weights.bin) without tfjs-node.
export { ModelIoError, isModelIoError, type ModelIoErrorCode } from './errors';
export { fileSystemIOHandler, readModelJson, MODEL_JSON, WEIGHTS_BIN, type FileSystemIOHandlerOptions, type WeightsIntegrity } from './file-system-handler';
export { saveModelToDir, loadModelFromDir, readModelMetadata, type SaveModelOptions } from './model-dir';
export { copyWeightsByLayer } from './copy-weights';
