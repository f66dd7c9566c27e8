/** Expands a VS Code snippet body the way the editor would if the user accepted every default. */
export function expandSnippet(body: readonly string[]): string {
  return body
    .join('\n')
    .replace(/\$\{\d+\|([^,|]*)[^|]*\|\}/g, '$1') // choice → first option
    .replace(/\$\{\d+:([^}]*)\}/g, '$1') // placeholder → its default
    .replace(/\$\{\d+\}|\$\d+/g, '') // bare tab stops
    .replace(/\\\$/g, '$'); // escaped dollars
}
