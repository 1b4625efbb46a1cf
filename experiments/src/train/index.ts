export * from './prepare-data';
export * from './metrics-report';
export * from './lstm-ae-stage';
export * from './train-run';
export * from './eval-run';
