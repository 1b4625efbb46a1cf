export { swish } from './activation';
export { depthwiseConv1d, type DepthwiseConv1dArgs } from './depthwise-conv1d';
export { DropConnect, type DropConnectArgs } from './drop-connect';
export { squeezeExcite1d, type SqueezeExcite1dArgs } from './squeeze-excite';
