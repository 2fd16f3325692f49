import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef } from 'react';
import { decodeFrame, encodeResize, encodeStdin, type ExecExit, execSubprotocols } from '../utils/exec-channel';

export type SessionEvent =
  | { type: 'connected' }
  /** The handshake failed: the browser does not say why (403, 404, network). */
  | { type: 'refused' }
  | { type: 'ended'; exit: ExecExit | undefined; closeCode: number };

interface TerminalViewProps {
  url: string;
  label: string;
  onEvent: (event: SessionEvent) => void;
}

/**
 * xterm.js joined to an exec websocket: keystrokes go to stdin, stdout and stderr are written to
 * the screen, and every size change of the terminal is sent on the resize channel. Mount it again
 * (a new `key`) to reconnect.
 */
export default function TerminalView({ url, label, onEvent }: TerminalViewProps) {
  const host = useRef<HTMLDivElement>(null);
  const report = useRef(onEvent);
  useEffect(() => {
    report.current = onEvent;
  }, [onEvent]);

  useEffect(() => {
    const element = host.current;
    if (!element) return undefined;
    const terminal = new Terminal({
      cursorBlink: true,
      fontSize: 13,
      fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Noto Sans Mono CJK JP", monospace',
      scrollback: 5000,
      theme: { background: '#1a1b1e' },
    });
    const fit = new FitAddon();
    terminal.loadAddon(fit);
    terminal.open(element);
    fit.fit();

    const socket = new WebSocket(url, execSubprotocols);
    socket.binaryType = 'arraybuffer';
    let opened = false;
    let exit: ExecExit | undefined;
    const send = (bytes: Uint8Array<ArrayBuffer>) => {
      if (socket.readyState === WebSocket.OPEN) socket.send(bytes);
    };
    socket.onopen = () => {
      opened = true;
      report.current({ type: 'connected' });
      send(encodeResize(terminal.cols, terminal.rows));
      terminal.focus();
    };
    socket.onmessage = (message: MessageEvent<ArrayBuffer>) => {
      const frame = decodeFrame(message.data);
      if (frame.channel === 'stdout' || frame.channel === 'stderr') {
        if (frame.data.length > 0) terminal.write(frame.data);
      } else if (frame.channel === 'error') {
        exit = frame.status;
      }
    };
    socket.onclose = (event) => {
      report.current(opened ? { type: 'ended', exit, closeCode: event.code } : { type: 'refused' });
    };
    const input = terminal.onData((data) => send(encodeStdin(data)));
    const resize = terminal.onResize(({ cols, rows }) => send(encodeResize(cols, rows)));
    // The page decides the terminal's size; fit the character grid to it whenever it changes.
    const observer = new ResizeObserver(() => fit.fit());
    observer.observe(element);

    return () => {
      observer.disconnect();
      input.dispose();
      resize.dispose();
      socket.onclose = null;
      socket.close();
      terminal.dispose();
    };
  }, [url]);

  return (
    <div
      ref={host}
      role="group"
      aria-label={label}
      data-testid="terminal"
      // Fits below the pod's header and controls at 800 px, so nothing scrolls but the terminal.
      style={{ height: 'max(240px, calc(100vh - 440px))', padding: 8, background: '#1a1b1e', borderRadius: 4 }}
    />
  );
}
