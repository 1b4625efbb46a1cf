// libs/models: 1-D EfficientNet, LSTM autoencoder, cross-attention fusion and EfficientECG
// (issue 4). Nothing is exported yet; the project exists so the workspace layout and its
// module boundaries (libs/signal never imports libs/models) are in place from the start.
export {};
