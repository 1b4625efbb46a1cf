import type { Cell, ResultTable } from '../../results/table';
import { loadExperimentConfig, resolveRunConfig } from '../../config';
import { hasPredictor, loadPredictor, PRETRAINED, pretrainedDir } from '../../predict';
import { evaluateOnTest, prepareExperimentData, testSetSize } from '../../train';
import { initBackend, type AamiMeasures, type ConfidenceInterval } from '@efficientecg/models';
import { CINC2017_PUBLISHED, MITDB_PUBLISHED, PRETRAINED_TARGETS } from '../anchors';
import type { ReproductionStep, StepOutput } from '../context';
import { displayPath } from '../display-path';

const f3 = (x: number) => Number(x.toFixed(3));

/** Rows of the targets table for one pretrained model: target, measured value with its CI, met or not. */
export function pretrainedTargetRows(name: string, summary: Record<string, ConfidenceInterval>): Cell[][] {
  return PRETRAINED_TARGETS.filter((t) => t.model === name && summary[t.metric]).map((t) => {
    const ci = summary[t.metric];
    return [`pretrained/${name}`, t.label, t.target, f3(ci.estimate), `${f3(ci.low)}-${f3(ci.high)}`, ci.estimate >= t.target ? 'met' : 'not met'];
  });
}

/**
 * The committed MIT-BIH model beside the published inter-patient methods: accuracy, jk index and
 * the S and V sensitivity and positive predictivity each is judged by (de Chazal 2004's AAMI rules).
 */
export function mitdbVsPublishedTable(aami: AamiMeasures, label = 'this workspace (pretrained/mitdb)'): ResultTable {
  const { S, V } = aami.perClass;
  return {
    id: 'pretrained-mitdb-vs-published',
    title: 'MIT-BIH inter-patient (DS2): this model beside published methods',
    notes: [
      'Published accuracy and jk index from ../shared/reference/anchors.md (DS1 -> DS2, AAMI classes, Q excluded); this workspace\'s figures use the same protocol (F beats called V do not count against +P V).',
      `Published S and V sensitivity (Se) and positive predictivity (+P): ${MITDB_PUBLISHED.filter((m) => m.classes).map((m) => `${m.method} from ${m.classes?.source}`).join('; ')}.${MITDB_PUBLISHED.filter((m) => !m.classes).map((m) => ` Left blank for ${m.method}: no source for its per-class figures could be read here${m.noClassesBecause ? ` (${m.noClassesBecause})` : ''}.`).join('')}`,
      'How the committed model was trained, and its status: pretrained/mitdb/model-card.md.',
    ],
    columns: ['method', 'accuracy', 'jk index', 'Se S', '+P S', 'Se V', '+P V'],
    rows: [
      ...MITDB_PUBLISHED.map((m): Cell[] => [m.method, m.accuracy, m.jkIndex, m.classes?.sSe ?? null, m.classes?.sPpv ?? null, m.classes?.vSe ?? null, m.classes?.vPpv ?? null]),
      [label, f3(aami.accuracy), f3(aami.jkIndex), f3(S.se), f3(S.ppv), f3(V.se), f3(V.ppv)],
    ],
  };
}

/** Evaluate the committed pretrained models on the test split of the data found (the split is rebuilt from each model's run config). */
export const pretrainedStep: ReproductionStep = {
  name: 'pretrained',
  description: 'evaluate the committed pretrained models (pretrained/cinc2017, pretrained/mitdb) on the test split of the data root',
  async run(ctx) {
    const out: StepOutput = { tables: [], notes: [] };
    const targetRows: Cell[][] = [];
    await initBackend();
    for (const name of PRETRAINED) {
      if (!hasPredictor(pretrainedDir(name))) {
        out.notes.push(`pretrained/${name}: not committed yet; train it with \`npx ecg train --experiment ${name === 'mitdb' ? 'mitdb-inter-patient' : name}\` and \`npx ecg export --run <run folder> --name ${name}\``);
        continue;
      }
      const p = await loadPredictor(name);
      const run = resolveRunConfig(loadExperimentConfig(p.meta.experiment), { variant: p.meta.variant, seed: p.meta.seed, quick: false });
      const data = prepareExperimentData(run, ctx.dataRoot.path, ctx.log, { only: 'test' });
      if (data.test.size === 0) {
        out.notes.push(`pretrained/${name}: the test split is empty under ${displayPath(ctx.dataRoot.path)} (${ctx.dataRoot.source})`);
        continue;
      }
      const { metrics } = await evaluateOnTest(p.model, p.meta.inputNames, data, run);
      p.model.dispose();
      const onSample = ctx.dataRoot.source === 'bundled-sample';
      const rows: Cell[][] = Object.entries(metrics.summary).map(([k, ci]) => [k, f3(ci.estimate), f3(ci.low), f3(ci.high)]);
      for (const c of metrics.perClass ?? []) rows.push([`F1 ${c.name} (support ${c.support})`, f3(c.f1), null, null]);
      if (metrics.aami) {
        const a = metrics.aami;
        rows.push(['Se S', f3(a.perClass.S.se), null, null], ['+P S', f3(a.perClass.S.ppv), null, null], ['Se V', f3(a.perClass.V.se), null, null], ['+P V', f3(a.perClass.V.ppv), null, null]);
      }
      const table: ResultTable = {
        id: `pretrained-${name}`,
        title: `Pretrained ${name} model on the ${onSample ? 'bundled sample' : 'test split'} (${testSetSize(metrics, p.meta.kind === 'beat' ? 'beats' : 'records')})`,
        notes: [
          `Model card: pretrained/${name}/model-card.md. 95 % percentile-bootstrap CIs resample ${metrics.groupUnit}.`,
          ...(p.members > 1 ? [`A seed ensemble: the class probabilities of ${p.members} models (seeds ${(p.meta.seeds ?? []).join(', ')}) averaged per ${p.meta.kind === 'beat' ? 'beat' : 'window'}.`] : []),
          ...(onSample
            ? ['Bundled sample: a handful of records, split afresh, some of which the model may have trained on: a smoke test of the pipeline only, not a result.']
            : ['The split is rebuilt from the model\'s own config and seed, so these test records were never used for training or model selection.']),
        ],
        columns: ['metric', 'value', 'CI low', 'CI high'],
        rows,
      };
      out.tables.push(table);
      const published: ResultTable | undefined =
        name === 'mitdb'
          ? metrics.aami && mitdbVsPublishedTable(metrics.aami)
          : {
              id: 'pretrained-cinc2017-vs-published',
              title: 'CinC 2017: challenge score F1(N, A, O) beside the winners',
              notes: [
                'The winners were scored on the hidden test set after training on all 8,528 records; this model trained on 70 % of the 3,413-record subset and is scored on its own 20 % test split.',
                'How the committed model was trained, and its status: pretrained/cinc2017/model-card.md.',
              ],
              columns: ['method', 'F1(N,A,O)'],
              rows: [...CINC2017_PUBLISHED.map((m): Cell[] => [m.method, m.score]), ['this workspace (pretrained/cinc2017)', f3(metrics.cinc2017?.score ?? NaN)]],
            };
      if (!onSample && published) out.tables.push(published);
      if (!onSample) targetRows.push(...pretrainedTargetRows(name, metrics.summary));
    }
    if (targetRows.length > 0) {
      out.tables.unshift({
        id: 'pretrained-targets',
        title: 'Accuracy targets of the committed models (test splits the models never trained or tuned on)',
        notes: ['Targets from the workspace\'s issue 5; "met" compares the point estimate with the target, the 95 % CI (bootstrap over records) says how sure that is.'],
        columns: ['model', 'metric', 'target', 'measured', '95 % CI', 'status'],
        rows: targetRows,
      });
    }
    return out;
  },
};
