export { defaultWorkerCount, ParallelTrainer, startParallelTrainer, type ParallelOptions, type ParallelTrainerOptions, type StepTimings } from './engine';
export { ParallelTrainingError, isParallelTrainingError, type ParallelTrainingErrorCode } from './errors';
export { recipeFromModel, type ModelRecipe } from './recipe';
export { checksumFloat32, shardSizes, threadCpuMs } from './protocol';
