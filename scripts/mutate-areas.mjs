// The areas `npm run mutate -- <area>` knows: which sources Stryker mutates, which compiled unit tests must kill the
// mutants, and the mutation-score target (issue 22). Where a silent bug hurts most: rule verdicts and quick fixes,
// plan maths, metric readers, the run store, launchers (local and Slurm script rendering), inference preprocessing.
export const areas = {
  rules: {
    mutate: ['server/src/service/rules/**/*.ts'],
    spec: ['out/test/unit/rules/**/*.test.js'],
    target: 85,
  },
  plan: {
    mutate: ['core/src/plan/*.ts', '!core/src/plan/index.ts'],
    spec: ['out/test/unit/core/plan/**/*.test.js', 'out/test/unit/rules/plan/**/*.test.js'],
    target: 85,
  },
  'plan-render': {
    mutate: ['core/src/plan/render/**/*.ts', '!core/src/plan/render/index.ts'],
    spec: [
      'out/test/unit/plan-view/**/*.test.js',
      'out/test/unit/cli-plan-export.test.js',
      // The plan diff's HTML and Markdown (render/diff.ts) are tested with the diff itself.
      'out/test/unit/core/plan/diff.test.js',
    ],
    target: 85,
  },
  metrics: {
    mutate: [
      'core/src/metrics/*-reader.ts',
      'core/src/metrics/{json-record,name-cache,number-scan,protobuf-reader,crc32c,tail,reader,stdout-parser}.ts',
    ],
    spec: ['out/test/unit/core/metrics/**/*.test.js'],
    target: 75,
  },
  runs: {
    mutate: ['core/src/runs/*.ts'],
    spec: ['out/test/unit/core/run-*.test.js', 'out/test/unit/core/runs/**/*.test.js'],
    target: 75,
  },
  launchers: {
    mutate: ['core/src/launchers/**/*.ts', '!core/src/launchers/runner-main.ts', '!core/src/launchers/slurm/index.ts'],
    spec: ['out/test/unit/core/launchers/**/*.test.js'],
    target: 75,
  },
  inference: {
    mutate: [
      'core/src/inference/{parse-input,parse-delimited,parse-json,split-line,number-text,input-table,column-plan,feed-plan,preprocess}.ts',
    ],
    spec: ['out/test/unit/core/inference/**/*.test.js'],
    target: 75,
  },
};
