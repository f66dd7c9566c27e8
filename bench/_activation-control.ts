/** The empty control extension of bench/activation.ts (written there, activated by activation-host.ts). */
export const CONTROL_ID = 'liftoff-bench.control';
