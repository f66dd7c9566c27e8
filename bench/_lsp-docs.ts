/** The bench documents live in test/support (the incremental-validation property test uses the large one too). */
export * from '../test/support/bench-docs';
