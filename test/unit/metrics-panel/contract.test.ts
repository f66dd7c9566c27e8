import * as assert from 'node:assert/strict';
import {
  DEFAULT_SETTINGS,
  parseHostMessage,
  parseSettings,
  parseWebviewMessage,
} from '../../../client/src/panels/metrics/contract';

const chunk = (over: Record<string, unknown> = {}) => ({
  run: 'r1',
  name: 'loss',
  from: 0,
  nonFinite: 0,
  steps: new Float64Array([1, 2]),
  times: new Float32Array([0, 1]),
  values: new Float32Array([0.5, 0.4]),
  ...over,
});
const run = {
  key: 'r1',
  experiment: 'e',
  state: 'running',
  startedAt: 1,
  t0: 0,
  meta: { thresholds: [{ metric: 'auc', min: 0.75 }], primary: { name: 'val_auc', goal: 'max' } },
};

describe('metrics panel message contract', () => {
  it('accepts the webview’s messages', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseWebviewMessage({ type: 'exportCsv' }), { type: 'exportCsv' });
    const s = parseWebviewMessage({
      type: 'settings',
      settings: { ...DEFAULT_SETTINGS, selected: ['a', 'b'], smoothing: 0.9, xAxis: 'epoch' },
    });
    assert.equal(s?.type === 'settings' && s.settings.xAxis, 'epoch');
    assert.ok(parseWebviewMessage({ type: 'savePng', chart: 'loss', dataUrl: 'data:image/png;base64,iVBORw0KGgo=' }));
  });

  it('rejects malformed messages from the webview', () => {
    for (const bad of [
      null,
      'ready',
      [],
      { type: 'nope' },
      { type: 'settings' },
      { type: 'settings', settings: { selected: 'a' } },
      { type: 'settings', settings: { selected: [1] } },
      { type: 'settings', settings: { selected: ['x'.repeat(300)] } },
      { type: 'savePng', chart: 'loss', dataUrl: 'data:text/html;base64,PHA+' },
      { type: 'savePng', chart: 'loss', dataUrl: 'data:image/png;base64,<script>' },
      { type: 'savePng', chart: '', dataUrl: 'data:image/png;base64,AAAA' },
      { type: 'run', command: 'rm -rf /' },
    ]) {
      assert.equal(parseWebviewMessage(bad), undefined, JSON.stringify(bad));
    }
  });

  it('settings: out-of-range fields fall back to defaults, never to something else', () => {
    const s = parseSettings({
      selected: ['a'],
      smoothing: 5,
      xAxis: 'banana',
      logScale: 'yes',
      colors: { a: 2, b: -1, c: 1.5 },
      metricFilter: 'x'.repeat(1000),
    })!;
    assert.equal(s.smoothing, DEFAULT_SETTINGS.smoothing);
    assert.equal(s.xAxis, 'step');
    assert.equal(s.logScale, false);
    assert.deepEqual(s.colors, { a: 2 });
    assert.equal(s.metricFilter, '');
    assert.equal(parseSettings('x'), undefined);
  });

  it('settings: the pinned baseline is a run key or nothing', () => {
    assert.equal(parseSettings({ baseline: 'run-1' })!.baseline, 'run-1');
    assert.equal(parseSettings({ baseline: 7 })!.baseline, '');
    assert.equal(parseSettings({ baseline: 'x'.repeat(1000) })!.baseline, '');
    assert.equal(parseSettings({})!.baseline, '');
  });

  it('settings: grouping is a key with a known center and band, else none / the defaults', () => {
    const s = parseSettings({ groupBy: 'training.seed', groupCenter: 'median', groupBand: 'stderr' })!;
    assert.deepEqual([s.groupBy, s.groupCenter, s.groupBand], ['training.seed', 'median', 'stderr']);
    const bad = parseSettings({ groupBy: 3, groupCenter: 'max', groupBand: '<script>' })!;
    assert.deepEqual([bad.groupBy, bad.groupCenter, bad.groupBand], ['', 'mean', 'minmax']);
    assert.equal(parseSettings({ groupBy: 'x'.repeat(1000) })!.groupBy, '');
  });

  it('carries a run’s name (Rename Run) and rejects one that is not a short non-empty string', () => {
    const runsMessage = (r: Record<string, unknown>) => ({
      type: 'runs',
      runs: [r],
      selected: ['r1'],
      comparison: { columns: [], rows: [] },
      notices: [],
    });
    const ok = parseHostMessage(runsMessage({ ...run, name: 'baseline seed 1' }));
    assert.equal(ok?.type === 'runs' && ok.runs[0]?.name, 'baseline seed 1');
    for (const name of ['', 42, 'x'.repeat(201), ['a']])
      assert.equal(parseHostMessage(runsMessage({ ...run, name })), undefined);
  });

  it('accepts the host’s messages with typed arrays and rejects JSON arrays or mismatched lengths', () => {
    assert.equal(parseHostMessage({ type: 'series', chunks: [chunk()], loading: false })?.type, 'series');
    assert.equal(
      parseHostMessage({
        type: 'init',
        settings: DEFAULT_SETTINGS,
        runs: [run],
        comparison: { columns: [], rows: [] },
        notices: [],
        loading: true,
      })?.type,
      'init',
    );
    assert.equal(
      parseHostMessage({
        type: 'runs',
        runs: [run],
        selected: ['r1'],
        comparison: { columns: [], rows: [] },
        notices: [{ key: 'k', level: 'warning', text: 't' }],
      })?.type,
      'runs',
    );
    for (const bad of [
      { type: 'series', chunks: [chunk({ values: [0.5, 0.4] })], loading: false },
      { type: 'series', chunks: [chunk({ steps: new Float32Array(2) })], loading: false },
      { type: 'series', chunks: [chunk({ values: new Float32Array(3) })], loading: false },
      { type: 'series', chunks: [chunk({ from: -1 })], loading: false },
      { type: 'series', chunks: [chunk()] },
      {
        type: 'init',
        settings: DEFAULT_SETTINGS,
        runs: [{ ...run, state: 'exploded' }],
        comparison: { columns: [], rows: [] },
        notices: [],
        loading: true,
      },
      {
        type: 'init',
        settings: DEFAULT_SETTINGS,
        runs: [run],
        comparison: { columns: [{ key: 'a', label: 'A', kind: 'html' }], rows: [] },
        notices: [],
        loading: true,
      },
      {
        type: 'runs',
        runs: [run],
        selected: ['r1'],
        comparison: { columns: [], rows: [] },
        notices: [{ key: 'k', level: 'fatal', text: 't' }],
      },
      { type: 'status' },
      { type: 'eval', code: '1' },
    ]) {
      assert.equal(
        parseHostMessage(bad),
        undefined,
        JSON.stringify(bad, (_k, v: unknown) => (ArrayBuffer.isView(v) ? `[${v.constructor.name}]` : v)),
      );
    }
  });
});
