/**
 * Loads the experiment's CSV files into numeric train / validation / test examples: columns by name, class names
 * to indices (`task.labels` order, else sorted), the `data.split` of `data.train`, or separate files.
 */
import * as path from 'node:path';
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
      throw new Error(
        `${fileLabel} line ${cols.lines[r]}, column "${target}": class "${c}" is not ${
          fromTask
            ? `one of \`task.labels\` (${labels.join(', ')}): add it there or fix the row`
            : 'in the training data'
        }`,
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
  const notes: string[] = [];
  let dropped = 0;
  const load = (file: string) => {
    const fileLabel = path.relative(experimentDir, file) || path.basename(file);
    let text: string;
    try {
      text = readText(file);
    } catch (err) {
      throw new Error(
        `cannot read ${fileLabel}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(err)}`,
      );
    }
    const cols = extractColumns(parseCsv(text, fileLabel), { ...data, task, fileLabel });
    if (cols.dropped > 0)
      notes.push(
        `drop_missing: dropped ${cols.dropped} of ${cols.dropped + cols.n} rows of ${fileLabel} (first: ${cols.firstDrop})`,
      );
    dropped += cols.dropped;
    if (cols.n === 0) throw new Error(`${fileLabel} has no usable data rows`);
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
        throw new Error(
          `\`data.split\` leaves the ${name} part empty (${main.cols.n} rows): use more data or a larger \`${name}\` fraction`,
        );
    }
  }
  if (data.validation) validation = whole(load(data.validation));
  if (data.test) test = whole(load(data.test));

  let positiveIndex: number | undefined;
  if (labels) {
    const present = sortLabels(Array.from(train.y, (k) => labels[k]!));
    if (present.length < 2) {
      throw new Error(
        `classification needs at least 2 classes, but the training data has only 1 ("${present[0]}") in column "${data.target}": check \`data.target\` and the data`,
      );
    }
    if (labels.length === 2) {
      positiveIndex = data.positiveLabel === undefined ? 1 : labels.indexOf(data.positiveLabel);
      if (positiveIndex < 0)
        throw new Error(
          `\`task.positive_label\` "${data.positiveLabel}" is not one of the classes (${labels.join(', ')})`,
        );
    }
  }
  return { train, validation, test, featureOrder: [...data.features], labels, positiveIndex, dropped, notes };
}
