import { ModelError } from '../../common/errors';

/**
 * Config checks shared by the baselines: each throws ModelError('BAD_CONFIG') naming
 * `<ConfigType>.<field>` and what was wrong.
 */
export class ConfigChecks {
  constructor(private readonly configName: string) {}

  fail(field: string, detail: string): never {
    throw new ModelError('BAD_CONFIG', `${this.configName}.${field}`, detail);
  }

  positiveInteger(value: unknown, field: string): void {
    if (!(Number.isInteger(value) && (value as number) > 0)) this.fail(field, `${String(value)} must be a positive integer`);
  }

  nonNegativeInteger(value: unknown, field: string): void {
    if (!(Number.isInteger(value) && (value as number) >= 0)) this.fail(field, `${String(value)} must be an integer >= 0`);
  }

  rate(value: unknown, field: string): void {
    if (!(typeof value === 'number' && value >= 0 && value < 1)) this.fail(field, `${String(value)} must be in [0, 1)`);
  }

  oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): void {
    if (!allowed.includes(value as T)) this.fail(field, `${String(value)} must be one of ${allowed.join(', ')}`);
  }

  seed(value: unknown): void {
    if (value !== undefined && !Number.isInteger(value)) this.fail('seed', `${String(value)} must be an integer or undefined`);
  }

  batchNorm(momentum: number, epsilon: number): void {
    if (!(momentum > 0 && momentum < 1 && epsilon > 0)) this.fail('batchNorm*', 'momentum must be in (0, 1) and epsilon > 0');
  }
}

/** Defaults under the caller's settings; undefined values in the caller's object do not erase defaults. */
export function withDefaults<T extends object>(defaults: Readonly<T>, config: Partial<T>): T {
  const defined = Object.fromEntries(Object.entries(config).filter(([, v]) => v !== undefined));
  return { ...defaults, ...defined } as T;
}
