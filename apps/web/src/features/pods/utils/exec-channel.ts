/**
 * The Kubernetes websocket stream protocol for exec (`v5.channel.k8s.io`, `v4.channel.k8s.io`):
 * every binary message starts with one byte naming its stream, followed by the stream's bytes.
 * @see https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#create-exec-connect-post-pod-v1-core
 */
export const execSubprotocols = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];

export const ExecChannel = {
  stdin: 0,
  stdout: 1,
  stderr: 2,
  /** The apiserver's final word: a `Status` object, in JSON since v4. */
  error: 3,
  resize: 4,
  /** v5 only: the client closes one of its streams (stdin). */
  close: 255,
} as const;

export type ExecFrame =
  | { channel: 'stdout' | 'stderr'; data: Uint8Array }
  | { channel: 'error'; status: ExecExit }
  | { channel: 'other'; id: number };

/** How the command ended, from the error channel's `Status`. */
export interface ExecExit {
  success: boolean;
  /** The command's exit code when it ended with one other than 0. */
  exitCode: number | undefined;
  message: string | undefined;
}

const encoder = new TextEncoder();

function frame(channel: number, payload: Uint8Array): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(payload.length + 1);
  bytes[0] = channel;
  bytes.set(payload, 1);
  return bytes;
}

/** Keystrokes (or pasted text) for the command's stdin. */
export const encodeStdin = (text: string) => frame(ExecChannel.stdin, encoder.encode(text));

/** The terminal's new size, so full-screen programs in the container redraw to fit. */
export const encodeResize = (columns: number, rows: number) =>
  frame(ExecChannel.resize, encoder.encode(JSON.stringify({ Width: columns, Height: rows })));

/** One message from the apiserver. Empty payloads (sent once per stream at the start) are kept. */
export function decodeFrame(message: ArrayBuffer | Uint8Array): ExecFrame {
  const bytes = message instanceof Uint8Array ? message : new Uint8Array(message);
  const id = bytes[0];
  const data = bytes.subarray(1);
  if (id === ExecChannel.stdout) return { channel: 'stdout', data };
  if (id === ExecChannel.stderr) return { channel: 'stderr', data };
  if (id === ExecChannel.error) return { channel: 'error', status: parseExit(new TextDecoder().decode(data)) };
  return { channel: 'other', id: id ?? -1 };
}

interface StatusCause {
  reason?: string;
  message?: string;
}

/** `{"status":"Failure","reason":"NonZeroExitCode","details":{"causes":[{"reason":"ExitCode","message":"3"}]}}`. */
export function parseExit(text: string): ExecExit {
  let status: { status?: string; message?: string; details?: { causes?: StatusCause[] } };
  try {
    status = JSON.parse(text) as typeof status;
  } catch {
    // Before v4 the channel carried plain text, and only on failure.
    return { success: text.trim() === '', exitCode: undefined, message: text.trim() || undefined };
  }
  const exitCause = status.details?.causes?.find((cause) => cause.reason === 'ExitCode');
  const exitCode = exitCause?.message !== undefined ? Number(exitCause.message) : undefined;
  return {
    success: status.status === 'Success',
    exitCode: Number.isInteger(exitCode) ? exitCode : undefined,
    message: status.message,
  };
}
