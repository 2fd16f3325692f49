/** Saves text as a file through the browser's download, without a round trip to the server. */
export function saveTextFile(fileName: string, text: string, type = 'text/plain') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.rel = 'noopener';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // The click has handed the blob to the download by now; let the browser settle first.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
