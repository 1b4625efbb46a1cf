import * as tf from '@tensorflow/tfjs';

/** What inference needs of a model: one tf.LayersModel, or several averaged (`averagedModels`). */
export interface ProbabilityModel {
  predict(x: tf.Tensor | tf.Tensor[]): tf.Tensor | tf.Tensor[];
}

/** Models with one output each whose probabilities are averaged, as one model. */
export interface AveragedModels extends ProbabilityModel {
  readonly members: readonly tf.LayersModel[];
  dispose(): void;
}

/**
 * Seed or fold ensemble: the mean of the members' output probabilities. Kept out of the
 * Layers graph on purpose: the members share layer names (deterministic naming), which one
 * tf.LayersModel could not hold, and each member stays loadable on its own.
 */
export function averagedModels(members: readonly tf.LayersModel[]): AveragedModels {
  if (members.length === 0) throw new Error('averagedModels: no members');
  const [first] = members;
  const signature = (m: tf.LayersModel) => JSON.stringify({ inputs: m.inputs.map((i) => i.shape), outputs: m.outputs.map((o) => o.shape) });
  members.forEach((m, i) => {
    if (m.outputs.length !== 1) throw new Error(`averagedModels: member ${i} has ${m.outputs.length} outputs; one probability output each is needed`);
    if (signature(m) !== signature(first)) throw new Error(`averagedModels: member ${i} has inputs/outputs ${signature(m)}, member 0 ${signature(first)}`);
  });
  return {
    members,
    predict: (x) => tf.tidy(() => tf.addN(members.map((m) => m.predict(x) as tf.Tensor)).div(members.length)),
    dispose: () => members.forEach((m) => m.dispose()),
  };
}
