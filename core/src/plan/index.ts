/** Plan calculations shared by the rules, the preview and the export: the numbers a reviewer sees are the numbers the rules check. */
export * from './dates';
export * from './money';
export * from './shares';
export * from './finance';
export * from './risk';
export * from './figures';
export * from './diff';
export * from './scenarios';
export * from './scenario-text';
export * from './sensitivity';
export * from './review';
export * from './compute';
