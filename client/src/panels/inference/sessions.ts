/**
 * The window's loaded models (one `SessionCache`), created on the first inference so that onnxruntime-node is never
 * loaded before; execution providers from `liftoff.inference.executionProviders` (empty: CUDA when available, CPU).
 */
import * as vscode from 'vscode';
import { SessionCache } from '../../../../core/src/inference';

let cache: SessionCache | undefined;

export function sessions(context: vscode.ExtensionContext): SessionCache {
  if (cache) return cache;
  const created = new SessionCache({
    providers: () => {
      const list = vscode.workspace.getConfiguration('liftoff.inference').get<string[]>('executionProviders') ?? [];
      return list.length ? list : 'auto';
    },
  });
  cache = created;
  context.subscriptions.push({
    dispose: () => {
      void created.dispose();
      if (cache === created) cache = undefined;
    },
  });
  return created;
}
