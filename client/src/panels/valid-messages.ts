// The panels' shared webview message gate (each panel.ts, and the ONNX inspector's provider.ts).
/**
 * A webview message listener that passes on only what the panel's contract (`parse`) accepts: the webview renders
 * workspace text, so its messages are untrusted. Anything else is noted (`<what>: <the message's first 200
 * characters as JSON>`) and dropped.
 */
export function validMessages<M>(
  parse: (raw: unknown) => M | undefined,
  note: (line: string) => void,
  what: string,
  handle: (msg: M) => unknown,
): (raw: unknown) => unknown {
  return (raw: unknown) => {
    const msg = parse(raw);
    if (msg === undefined) {
      note(`${what}: ${JSON.stringify(raw)?.slice(0, 200)}`);
      return;
    }
    return handle(msg);
  };
}
