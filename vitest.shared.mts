import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * One vitest config for every project. When tools/run-tests.cjs sets ECG_TEST_REPORT_DIR,
 * each project also writes a JSON report there so the runner can print one summary line.
 */
export function projectTestConfig(project: string) {
  const reportDir = process.env.ECG_TEST_REPORT_DIR;
  return defineConfig({
    test: {
      include: ['src/**/*.spec.ts', '*.spec.ts', '**/*.spec.ts'],
      exclude: ['**/node_modules/**'],
      testTimeout: 120_000,
      hookTimeout: 120_000,
      pool: 'forks',
      // libs/models has no tests until its models land; an empty project must not fail the run
      passWithNoTests: true,
      reporters: reportDir ? ['default', 'json'] : ['default'],
      outputFile: reportDir ? { json: join(reportDir, `${project}.json`) } : undefined,
    },
  });
}
