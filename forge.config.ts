// Electron Forge: how the desktop app is built (`npm start` on a desktop runs
// `electron-forge start`) and packaged (`npm run make`). Needs Electron's binary, which
// `npm install` downloads on a desktop (not on machines without access to its host).
//
// Vite builds three things (electron/vite/): the main process (electron/main.ts, which
// bundles the core from src/app), the sandboxed preload, and the renderer (the same UI
// the browser gets, from vite.renderer.config.ts). Only .vite/ and the native modules the
// bundle leaves external are packaged; the asar archive is integrity-checked by the fuses.
import { fileURLToPath } from 'node:url';
import type { ForgeConfig } from '@electron-forge/shared-types';
import { MakerDeb } from '@electron-forge/maker-deb';
import { MakerDMG } from '@electron-forge/maker-dmg';
import { MakerRpm } from '@electron-forge/maker-rpm';
import { MakerSquirrel } from '@electron-forge/maker-squirrel';
import { MakerZIP } from '@electron-forge/maker-zip';
import { FusesPlugin } from '@electron-forge/plugin-fuses';
import { VitePlugin } from '@electron-forge/plugin-vite';
import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { findNativePackages, packagedFileFilter, runtimeClosure } from './electron/build/native-modules.ts';

const projectDir = fileURLToPath(new URL('.', import.meta.url)).replace(/[\\/]$/, '');
const executableName = 'kith-desktop'; // `kith` is the command-line tool

const config: ForgeConfig = {
  packagerConfig: {
    name: 'Kith',
    executableName,
    appBundleId: 'org.kith.desktop',
    appCategoryType: 'public.app-category.productivity',
    // Native addons cannot be loaded from inside an asar archive: unpack them.
    asar: { unpack: '**/*.node' },
    // Vite's output, plus the native modules it leaves external and their dependencies.
    ignore: packagedFileFilter(runtimeClosure(projectDir, findNativePackages(projectDir))),
  },
  rebuildConfig: {},
  makers: [
    new MakerSquirrel({ name: 'kith', authors: 'Kith contributors', setupExe: 'KithSetup.exe', noMsi: true }),
    new MakerDMG({ name: 'Kith', format: 'ULFO' }),
    new MakerZIP({}, ['darwin', 'linux', 'win32']),
    new MakerDeb({ options: { name: 'kith', productName: 'Kith', bin: executableName, categories: ['Utility'], section: 'utils' } }),
    new MakerRpm({ options: { name: 'kith', productName: 'Kith', bin: executableName, categories: ['Utility'] } }),
  ],
  plugins: [
    new VitePlugin({
      build: [
        { entry: 'electron/main.ts', config: 'electron/vite/main.config.ts', target: 'main' },
        { entry: 'electron/preload.ts', config: 'electron/vite/preload.config.ts', target: 'preload' },
      ],
      renderer: [{ name: 'main_window', config: 'electron/vite/renderer.config.ts' }],
    }),
    // Electron's security checklist, fixed into the binary: it cannot run as plain Node
    // (ELECTRON_RUN_AS_NODE), take NODE_OPTIONS or --inspect, load an app from outside its
    // asar, or run an asar whose contents changed; file:// gets no extra privileges (the
    // app is served from app://kith).
    new FusesPlugin({
      version: FuseVersion.V1,
      resetAdHocDarwinSignature: true,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    }),
  ],
};

export default config;
