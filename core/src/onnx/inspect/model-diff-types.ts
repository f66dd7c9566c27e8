/**
 * What Compare Models reports (built by model-diff.ts): types only, so the Compare Models webview can import them.
 */
import type { ModelInspection, TensorDesc } from './model-inspection';

export interface Side<T> {
  readonly a: T | undefined;
  readonly b: T | undefined;
}

export interface ModelDiff {
  readonly files: Side<string>;
  readonly inspections: { readonly a: ModelInspection; readonly b: ModelInspection };
  readonly inputs: ReadonlyArray<Side<TensorDesc> & { readonly name: string }>;
  readonly outputs: ReadonlyArray<Side<TensorDesc> & { readonly name: string }>;
  readonly opsets: Side<string>;
  readonly operators: ReadonlyArray<{ readonly op: string; readonly a: number; readonly b: number }>;
  readonly parameters: Side<number>;
  readonly macs: Side<number>;
  readonly initializers: {
    readonly unchanged: number;
    readonly changed: ReadonlyArray<{
      readonly name: string;
      readonly a: InitializerSummary;
      readonly b: InitializerSummary;
      readonly what: readonly string[];
    }>;
    readonly added: readonly InitializerSummary[];
    readonly removed: readonly InitializerSummary[];
    readonly renamed: ReadonlyArray<{ readonly a: string; readonly b: string }>;
  };
  readonly nodes: { readonly added: readonly string[]; readonly removed: readonly string[] };
  /** True when nothing above differs. */
  readonly same: boolean;
}

export interface InitializerSummary {
  readonly name: string;
  readonly type: string;
  readonly dims: readonly number[];
  readonly checksum: string;
}
