export * from './series-store';
export * from './tail';
export * from './reader';
export * from './jsonl-reader';
export * from './stdout-parser';
export * from './csv-log-reader';
export * from './tfevents-reader';
export * from './ingest';
export { crc32c, maskCrc, maskedCrc32c } from './crc32c';
