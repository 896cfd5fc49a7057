// The renderer for Electron Forge: the renderer engineer's vite.renderer.config.ts (which
// builds dist/renderer for the browser), writing instead where Forge's Vite plugin
// packages renderers — .vite/renderer/main_window — which main.ts serves as app://kith.
import { fileURLToPath } from 'node:url';
import base from '../../vite.renderer.config.ts';

const outDir = fileURLToPath(new URL('../../.vite/renderer/main_window', import.meta.url));

export default { ...base, build: { ...base.build, outDir, emptyOutDir: true } };
