/**
 * The server base path as core's browser `http.basePath` applies it (Kibana:
 * src/core/packages/http/browser-internal/src/base_path.ts): `prepend` adds it to absolute paths
 * of this origin only, `remove` takes it off.
 */
export interface BasePath {
  get(): string;
  prepend(path: string): string;
  remove(path: string): string;
}

export const createBasePath = (basePath: string): BasePath => ({
  get: () => basePath,
  prepend: (path) =>
    basePath !== '' && path.startsWith('/') && !path.startsWith('//') ? `${basePath}${path}` : path,
  remove: (path) => {
    if (basePath === '') return path;
    if (path === basePath) return '/';
    return path.startsWith(`${basePath}/`) ? path.slice(basePath.length) : path;
  },
});
