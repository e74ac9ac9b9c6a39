/** Saves text as a file through the browser's download (an object URL on a temporary link). */
export const downloadText = (
  fileName: string,
  text: string,
  type = 'application/x-ndjson'
): void => {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
};
