/** Byte counts for people: bytes below a KiB, then KiB and MiB with one decimal (as the server's limits are given in MiB). */
const KIBIBYTE = 1024;
const MEBIBYTE = KIBIBYTE * 1024;

export const formatBytes = (bytes: number): string => {
  if (bytes < KIBIBYTE) return `${bytes} B`;
  if (bytes < MEBIBYTE) return `${(bytes / KIBIBYTE).toFixed(1)} KiB`;
  return `${(bytes / MEBIBYTE).toFixed(1)} MiB`;
};
