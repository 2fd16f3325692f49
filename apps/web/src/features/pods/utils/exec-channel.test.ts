import { describe, expect, it } from 'vitest';
import { decodeFrame, encodeResize, encodeStdin, parseExit } from './exec-channel';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('exec channel framing', () => {
  it('puts stdin on channel 0, UTF-8 encoded', () => {
    const bytes = encodeStdin('ls -l 日本\r');
    expect(bytes[0]).toBe(0);
    expect(text(bytes.subarray(1))).toBe('ls -l 日本\r');
    expect(bytes.length).toBe(1 + new TextEncoder().encode('ls -l 日本\r').length);
  });

  it('sends a resize on channel 4 as the JSON Kubernetes expects', () => {
    const bytes = encodeResize(120, 40);
    expect(bytes[0]).toBe(4);
    expect(JSON.parse(text(bytes.subarray(1)))).toEqual({ Width: 120, Height: 40 });
  });

  it('tells stdout from stderr and keeps their bytes', () => {
    const stdout = decodeFrame(new Uint8Array([1, 104, 105]).buffer);
    expect(stdout).toEqual({ channel: 'stdout', data: new Uint8Array([104, 105]) });
    const stderr = decodeFrame(new Uint8Array([2, 33]));
    expect(stderr).toEqual({ channel: 'stderr', data: new Uint8Array([33]) });
    // The apiserver opens each stream with an empty message.
    expect(decodeFrame(new Uint8Array([1]))).toEqual({ channel: 'stdout', data: new Uint8Array([]) });
  });

  it('reads the end of a command from the error channel', () => {
    const success = new TextEncoder().encode('\u0003{"metadata":{},"status":"Success"}');
    expect(decodeFrame(success)).toEqual({
      channel: 'error',
      status: { success: true, exitCode: undefined, message: undefined },
    });
    const failure = JSON.stringify({
      metadata: {},
      status: 'Failure',
      message: 'command terminated with non-zero exit code: exit status 3',
      reason: 'NonZeroExitCode',
      details: { causes: [{ reason: 'ExitCode', message: '3' }] },
    });
    expect(decodeFrame(new Uint8Array([3, ...new TextEncoder().encode(failure)]))).toEqual({
      channel: 'error',
      status: { success: false, exitCode: 3, message: 'command terminated with non-zero exit code: exit status 3' },
    });
  });

  it('reads the plain-text error of older protocol versions', () => {
    expect(parseExit('container not found ("web")')).toEqual({
      success: false,
      exitCode: undefined,
      message: 'container not found ("web")',
    });
  });

  it('ignores channels it does not know', () => {
    expect(decodeFrame(new Uint8Array([9, 1, 2]))).toEqual({ channel: 'other', id: 9 });
  });
});
