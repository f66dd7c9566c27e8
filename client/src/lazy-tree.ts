/**
 * A tree data provider registered at activation that loads the real one (in the features bundle) only when VS Code
 * first asks for the view's content, that is when the user opens the view.
 */
import * as vscode from 'vscode';

export function lazyTreeProvider<T>(
  load: () => Promise<vscode.TreeDataProvider<T>>,
  subscriptions: vscode.Disposable[],
): vscode.TreeDataProvider<T> {
  const changed = new vscode.EventEmitter<T | T[] | undefined | null | void>();
  subscriptions.push(changed);
  let real: Promise<vscode.TreeDataProvider<T>> | undefined;
  const tree = () => {
    real ??= load().then((provider) => {
      if (provider.onDidChangeTreeData) subscriptions.push(provider.onDidChangeTreeData((e) => changed.fire(e)));
      return provider;
    });
    return real;
  };
  return {
    onDidChangeTreeData: changed.event,
    getChildren: async (element) => (await tree()).getChildren(element),
    getTreeItem: async (element) => (await tree()).getTreeItem(element),
  };
}
