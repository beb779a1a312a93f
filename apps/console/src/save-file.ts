/** Hands CSV text to the browser as a file to save, without a round trip to the API. */
export function saveCsv(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
  link.click();
  // Released once the browser has started reading it; at once, a download may find it gone.
  setTimeout(() => URL.revokeObjectURL(url));
}
