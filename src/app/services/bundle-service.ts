// bundle.* and verify.file: portable export/import, and offline checking of files.
import { basename } from 'node:path';
import type { AppApi } from '../../api/contract.ts';
import { KithError } from '../../base/errors.ts';
import type { AppContext } from '../context.ts';
import { exportBundle } from '../bundle/export-bundle.ts';
import { importBundle } from '../bundle/import-bundle.ts';
import { verifyFile } from '../bundle/verify-file.ts';
import { carryOver, recoveryToCarry } from '../bundle/recovery-carry.ts';

type BundleApi = Pick<AppApi, 'bundle.export' | 'bundle.import' | 'verify.file'>;

export function bundleService(ctx: AppContext): BundleApi {
  return {
    async 'bundle.export'({ path, overwrite, passphrase }) {
      const signer = ctx.signer();
      const locker = await ctx.locker();
      const summary = await exportBundle(locker, signer, path, overwrite === true, passphrase === undefined ? {} : { passphrase });
      const { path: _path, ...counts } = summary;
      const encrypted = passphrase === undefined ? {} : { encrypted: true };
      await locker.commit(signer, { audit: [{ kind: 'bundle.exported', details: { file: basename(path), ...counts, ...encrypted } }] });
      ctx.emit('log.appended', {});
      return summary;
    },
    async 'bundle.import'({ path, passphrase }) {
      const signer = ctx.signer();
      const locker = await ctx.locker();
      // A device just recovered with friends holds only what the recovery wrote: kept, after the bundle.
      const carried = locker.audit.head() === undefined ? undefined : await recoveryToCarry(locker);
      if (locker.audit.head() !== undefined && carried === undefined) {
        throw new KithError('InvalidInput', 'This locker already holds data; a bundle can only be imported into an empty one.', {
          hint: 'Import into a fresh data folder (--data-dir or KITH_HOME) after `kith restore`.',
        });
      }
      return ctx.replaceLocker(async (staging) => {
        const summary = await importBundle(staging, signer, path, passphrase);
        if (carried !== undefined) await carryOver(staging, signer, carried);
        return summary;
      });
    },
    async 'verify.file'({ path, passphrase }) {
      return verifyFile(path, passphrase);
    },
  };
}
