/**
 * Whether an open document is a Liftoff document, decided at activation cost (no YAML parse, the first lines only):
 * DOMAIN.md's detection order — a `kind:` of ours, an `apiVersion: liftoff/v1` header, the file name
 * (`*.experiment.yaml`, `*.plan.yml`…), or a `yaml-language-server` modeline naming one of our schemas.
 * The server's own detection is server/src/service/kind.ts (the client may not import the service); a unit test
 * holds the two against the same cases.
 */
const FILE_NAME = /\.(experiment|plan)\.ya?ml$/i;
const KIND = /^kind:\s*["']?(Experiment|BusinessPlan)["']?\s*(#.*)?$/m;
const HEADER = /^apiVersion:\s*["']?liftoff\/v1["']?\s*(#.*)?$/m;
const MODELINE = /^#\s*yaml-language-server:\s*\$schema=\S*(experiment|business-plan)\.schema(\.json)?\b/m;

/**
 * `uri` as VS Code prints it; `head` returns the document's first lines (called only for YAML documents whose name
 * does not already say). Documents of other schemes (git:, output:, vscode-userdata:) are never ours.
 */
export function isLiftoffDocument(uri: string, languageId: string, head: () => string): boolean {
  if (!/^(file|untitled|vscode-remote):/.test(uri)) return false;
  const path = decodeURIComponent(uri.split(/[?#]/)[0] ?? uri);
  if (FILE_NAME.test(path)) return true;
  if (languageId !== 'yaml') return false;
  const text = head();
  return KIND.test(text) || HEADER.test(text) || MODELINE.test(text);
}
