import { createBasePath } from './base_path';

describe('createBasePath (core http.basePath)', () => {
  it('prepends the base path to absolute paths of this origin only', () => {
    const basePath = createBasePath('/kbn');
    expect(basePath.get()).toBe('/kbn');
    expect(basePath.prepend('/api/x')).toBe('/kbn/api/x');
    expect(basePath.prepend('api/x')).toBe('api/x');
    expect(basePath.prepend('//cdn.example/x')).toBe('//cdn.example/x');
    expect(basePath.remove('/kbn/app/x')).toBe('/app/x');
    expect(basePath.remove('/kbn')).toBe('/');
    expect(basePath.remove('/kbnx/app')).toBe('/kbnx/app');
  });

  it('leaves paths alone without a base path', () => {
    const basePath = createBasePath('');
    expect(basePath.prepend('/api/x')).toBe('/api/x');
    expect(basePath.remove('/api/x')).toBe('/api/x');
  });
});
