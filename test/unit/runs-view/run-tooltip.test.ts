import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { escapeMarkdown, runTooltipMarkdown } from '../../../client/src/runs/run-tooltip';
import type { RunRecord } from '../../../core/src/runs/run-record';

const record = (over: Partial<RunRecord>): RunRecord => ({
  id: 'r1',
  experiment: 'exp',
  state: 'failed',
  launcher: 'local',
  createdAt: '',
  startedAt: '',
  command: ['python', 'x.py'],
  cwd: '/',
  resources: { gpus: 0 },
  files: { config: 'config.yaml', stdout: 'stdout.log', metrics: 'metrics.jsonl', artifacts: 'artifacts' },
  ...over,
});

describe('Runs view tooltip: run.json text is shown, never rendered', () => {
  it('a link, an image, a command URI, HTML and a heading in run.json stay text', () => {
    const md = runTooltipMarkdown(
      record({
        experiment: '[click](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%22%7D)',
        reason: '![x](https://evil.example/p.png) <img src=x onerror=alert(1)>\n# Heading',
        command: ['`code`', '**bold**'],
      }),
    );
    assert.doesNotMatch(md, /(?<!\\)\[click(?<!\\)\]\(/);
    assert.doesNotMatch(md, /(?<!\\)!\[/);
    assert.doesNotMatch(md, /(?<!\\)</);
    assert.doesNotMatch(md, /\n#/);
    assert.doesNotMatch(md, /(?<!\\)`/);
  });

  it('property: every escaped string reads back as itself once unescaped, with no markup character left bare', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
        const e = escapeMarkdown(s);
        assert.equal(e.replace(/\\(.)/gs, '$1'), s.replace(/[\r\n\u2028\u2029]+/g, ' '));
        assert.doesNotMatch(e.replace(/\\./gs, ''), /[\\`*_{}[\]()#+\-.!|<>~&:"'=$%\n\r]/);
      }),
      { numRuns: 2000 },
    );
  });
});
