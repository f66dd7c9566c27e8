/**
 * Custom LSP messages between the Liftoff client and server. One file, typed, with the sender of each.
 * (Method names and payload types only: the client and server bundle different vscode-jsonrpc copies,
 * so a shared `RequestType` object would not type-check across them; the wire format is just the name.)
 */

export interface ValidateFilesParams { readonly uris: readonly string[] }
export interface ValidateFilesResult { readonly files: number; readonly errors: number; readonly warnings: number }

/** Sent by the client (command "Validate All Liftoff Documents"): the server reads each file, publishes its diagnostics, and returns totals. */
export const VALIDATE_FILES = 'liftoff/validateFiles';
