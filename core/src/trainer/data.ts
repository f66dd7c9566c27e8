/**
 * Loads the experiment's CSV files into numeric train / validation / test examples: columns by name, class names
 * to indices (`task.labels` order, else sorted), the `data.split` of `data.train`, or separate files.
 */
import * as path from 'node:path';
import { phrase, PhrasedError, say, type Phrase } from '../l10n';
import { parseCsv } from './csv';
import { splitRows, takeRows } from './split';
import { extractColumns, type ColumnData } from './table';
import type { DataSettings, Examples, PreparedData, TaskType } from './types';

export type ReadText = (absPath: string) => string;

function sortLabels(found: Iterable<string>): string[] {
  const labels = [...new Set(found)];
  const numeric = labels.every((l) => /^[+-]?\d+(\.\d+)?$/.test(l));
  return numeric ? labels.sort((a, b) => Number(a) - Number(b)) : labels.sort();
}

function encode(
  cols: ColumnData,
  labels: readonly string[],
  fileLabel: string,
  target: string,
  fromTask: boolean,
): Float64Array {
  const index = new Map(labels.map((l, i) => [l, i]));
  return Float64Array.from(cols.classes, (c, r) => {
    const k = index.get(c);
    if (k === undefined) {
      throw new PhrasedError(
        fromTask
          ? phrase(
              '{0} line {1}, column "{2}": class "{3}" is not one of `task.labels` ({4}): add it there or fix the row',
              fileLabel,
              cols.lines[r]!,
              target,
              c,
              labels.join(', '),
            )
          : phrase(
              '{0} line {1}, column "{2}": class "{3}" is not in the training data',
              fileLabel,
              cols.lines[r]!,
              target,
              c,
            ),
      );
    }
    return k;
  });
}

export function prepareData(
  data: DataSettings,
  task: TaskType,
  experimentDir: string,
  readText: ReadText,
): PreparedData {
  const notes: Phrase[] = [];
  let dropped = 0;
  const load = (file: string) => {
    const fileLabel = path.relative(experimentDir, file) || path.basename(file);
    let text: string;
    try {
      text = readText(file);
    } catch (err) {
      throw new PhrasedError(
        (err as NodeJS.ErrnoException).code === 'ENOENT'
          ? phrase('cannot read {0}: no such file', fileLabel)
          : phrase('cannot read {0}: {1}', fileLabel, String(err)),
      );
    }
    const cols = extractColumns(parseCsv(text, fileLabel), { ...data, task, fileLabel });
    if (cols.dropped > 0)
      notes.push(
        phrase(
          'drop_missing: dropped {0} of {1} rows of {2} (first: {3})',
          cols.dropped,
          cols.dropped + cols.n,
          fileLabel,
          cols.firstDropPhrase ?? '',
        ),
      );
    dropped += cols.dropped;
    if (cols.n === 0) throw new PhrasedError(phrase('{0} has no usable data rows', fileLabel));
    return { cols, fileLabel };
  };
  const main = load(data.train);
  const labels =
    task === 'classification' ? (data.labels ? [...data.labels] : sortLabels(main.cols.classes)) : undefined;
  const targets = (c: { cols: ColumnData; fileLabel: string }) =>
    labels ? encode(c.cols, labels, c.fileLabel, data.target, data.labels !== undefined) : c.cols.values;
  const f = data.features.length;
  const y = targets(main);
  const examples = (x: Float64Array, yy: Float64Array): Examples => ({ n: yy.length, f, x, y: yy });
  const whole = (c: { cols: ColumnData; fileLabel: string }) => examples(c.cols.x, targets(c));

  let train = examples(main.cols.x, y);
  let validation: Examples | undefined;
  let test: Examples | undefined;
  if (data.split) {
    const parts = splitRows(main.cols.n, data.split, labels ? y : undefined);
    const pick = (idx: readonly number[]) =>
      examples(
        takeRows(main.cols.x, f, idx),
        Float64Array.from(idx, (i) => y[i]!),
      );
    train = pick(parts.train);
    if (data.split.validation > 0) validation = pick(parts.validation);
    if (data.split.test > 0) test = pick(parts.test);
    for (const [name, part] of [
      ['train', train],
      ['validation', validation],
      ['test', test],
    ] as const) {
      if (part && part.n === 0)
        throw new PhrasedError(
          phrase(
            '`data.split` leaves the {0} part empty ({1} rows): use more data or a larger `{0}` fraction',
            name,
            main.cols.n,
          ),
        );
    }
  }
  if (data.validation) validation = whole(load(data.validation));
  if (data.test) test = whole(load(data.test));

  let positiveIndex: number | undefined;
  if (labels) {
    const present = sortLabels(Array.from(train.y, (k) => labels[k]!));
    if (present.length < 2) {
      throw new PhrasedError(
        phrase(
          'classification needs at least 2 classes, but the training data has only 1 ("{0}") in column "{1}": check `data.target` and the data',
          present[0] ?? '',
          data.target,
        ),
      );
    }
    if (labels.length === 2) {
      positiveIndex = data.positiveLabel === undefined ? 1 : labels.indexOf(data.positiveLabel);
      if (positiveIndex < 0)
        throw new PhrasedError(
          phrase(
            '`task.positive_label` "{0}" is not one of the classes ({1})',
            data.positiveLabel ?? '',
            labels.join(', '),
          ),
        );
    }
  }
  return {
    train,
    validation,
    test,
    featureOrder: [...data.features],
    labels,
    positiveIndex,
    dropped,
    notes: notes.map((p) => say('en', p)),
    notePhrases: notes,
  };
}
