// Electron Forge: how the desktop app is packaged (`npm run make`). The shell itself
// (electron/main.ts, preload.ts) and the renderer arrive with issue #4; until then
// there is nothing to package, and this file records the makers and fuses it will use.
import type { ForgeConfig } from '@electron-forge/shared-types';
import { MakerDeb } from '@electron-forge/maker-deb';
import { MakerDMG } from '@electron-forge/maker-dmg';
import { MakerRpm } from '@electron-forge/maker-rpm';
import { MakerSquirrel } from '@electron-forge/maker-squirrel';
import { MakerZIP } from '@electron-forge/maker-zip';
import { FusesPlugin } from '@electron-forge/plugin-fuses';
import { FuseV1Options, FuseVersion } from '@electron/fuses';

const config: ForgeConfig = {
  packagerConfig: { asar: true, name: 'Kith', executableName: 'kith-desktop' },
  makers: [new MakerSquirrel({}), new MakerDMG({}), new MakerZIP({}, ['darwin', 'linux', 'win32']), new MakerDeb({}), new MakerRpm({})],
  plugins: [
    // Electron's security checklist: no running as plain Node, no NODE_OPTIONS or
    // --inspect, cookies encrypted, the app only from a verified asar.
    new FusesPlugin({
      version: FuseVersion.V1,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
    }),
  ],
};

export default config;
