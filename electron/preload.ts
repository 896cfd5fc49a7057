// The preload: runs sandboxed, before the page, in its own JavaScript world
// (contextIsolation). It exposes `window.kith` (preload-api.ts) and nothing else, and
// sends real clicks on web links to the person's browser. Built by Vite into
// .vite/build/preload.cjs (sandboxed preloads must be CommonJS scripts).
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { buildPreloadApi, openClickedLink, type ClickLike } from './preload-api.ts';

contextBridge.exposeInMainWorld('kith', buildPreloadApi(ipcRenderer, webUtils));

// Bubbling phase on window: the page's own handlers run first and can cancel a link,
// but never make one open (a script's synthetic click is not trusted).
// (This project type-checks without the DOM library, hence the narrow cast of window.)
const page = globalThis as unknown as { addEventListener(type: string, listener: (event: ClickLike & { preventDefault(): void }) => void): void };
for (const type of ['click', 'auxclick']) page.addEventListener(type, (event) => openClickedLink(event, ipcRenderer));
