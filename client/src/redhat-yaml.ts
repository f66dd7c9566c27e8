/**
 * Bridge to Red Hat's YAML extension, when it is installed. Our snippets and templates start with
 * `# yaml-language-server: $schema=liftoff:/schemas/<kind>.schema.json`; `liftoff:` is a custom scheme whose content
 * Red Hat asks its registered contributors for (vscode-yaml's `registerContributor` API), so its completion and
 * hover work on files of any name without fetching anything from the network.
 * (Not exercised by our tests: Red Hat's extension cannot be installed offline. See docs/validation.md.)
 */
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';

interface RedHatYamlApi {
  registerContributor(
    schema: string,
    requestSchema: (resource: string) => string | undefined,
    requestSchemaContent: (uri: string) => string | undefined,
  ): boolean;
}

export const SCHEMA_SCHEME = 'liftoff';

export async function registerWithRedHatYaml(context: vscode.ExtensionContext): Promise<boolean> {
  const ext = vscode.extensions.getExtension<RedHatYamlApi>('redhat.vscode-yaml');
  if (!ext) return false;
  const api = await ext.activate();
  if (typeof api?.registerContributor !== 'function') return false;
  const files = new Map<string, string>([
    ['experiment.schema.json', context.asAbsolutePath('schemas/experiment.schema.json')],
    ['business-plan.schema.json', context.asAbsolutePath('schemas/business-plan.schema.json')],
  ]);
  const cache = new Map<string, string>();
  return api.registerContributor(
    SCHEMA_SCHEME,
    () => undefined,
    (uri) => {
      const name = uri.split('/').pop() ?? '';
      const file = files.get(name);
      if (!file) return undefined;
      if (!cache.has(name)) cache.set(name, readFileSync(file, 'utf8'));
      return cache.get(name);
    },
  );
}
