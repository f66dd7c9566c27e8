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
  files: {
    config: 'config.yaml',
    stdout: 'stdout.log',
    stderr: 'stderr.log',
    metrics: 'metrics.jsonl',
    artifacts: 'artifacts',
  },
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

  it('a failed run shows its cause, the log lines that show it (escaped: the log is the script’s), the fix and the cost', () => {
    const md = runTooltipMarkdown(record({ reason: 'exit code 1' }), {
      diagnosis: {
        cause: 'cuda-oom',
        title: 'CUDA out of memory',
        detail: 'The GPU ran out of memory.',
        evidence: [
          { source: 'log', text: 'torch.OutOfMemoryError: CUDA out of memory [x](command:evil) <img src=x>' },
          { source: 'exit', text: 'exit code 1' },
        ],
        fix: { title: 'Halve training.batch_size (64 → 32)', changes: [] },
        transient: false,
      },
      cost: { gpuHours: 2, cpuHours: 16, cost: 5, attempts: 1, hours: 2 },
    });
    assert.match(md, /\*\*Cause: CUDA out of memory\*\*/);
    assert.match(md, /log: torch\\\.OutOfMemoryError\\: CUDA out of memory/);
    assert.doesNotMatch(md, /(?<!\\)\[x(?<!\\)\]\(/);
    assert.doesNotMatch(md, /(?<!\\)</);
    assert.match(md, /Fix: Halve training\\\.batch\\_size \\\(64 → 32\\\)/);
    assert.match(md, /Cost: 2\\\.00 GPU\\-h · \\\$5\\\.00/);
  });
});

describe('Runs view tooltip: the name and notes a user gave the run', () => {
  it('shows both, escaped, the notes line by line', () => {
    const md = runTooltipMarkdown(record({ id: 'r9' }), {
      identity: { name: '[x](command:evil)', notes: 'line one\n# not a heading' },
    });
    assert.ok(md.includes('— **\\[x\\]\\(command\\:evil\\)** (run r9)'), md);
    assert.ok(!md.includes('](command:'), 'no link');
    assert.match(md, /Notes: line one {2}\n\\# not a heading/);
  });
});
