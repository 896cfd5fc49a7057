// bundle.* and verify.file: portable export/import, and offline checking of files.
import type { AppApi } from '../../api/contract.ts';
import type { AppContext } from '../context.ts';
import { exportBundle } from '../bundle/export-bundle.ts';
import { importBundle } from '../bundle/import-bundle.ts';
import { verifyFile } from '../bundle/verify-file.ts';

type BundleApi = Pick<AppApi, 'bundle.export' | 'bundle.import' | 'verify.file'>;

export function bundleService(ctx: AppContext): BundleApi {
  return {
    async 'bundle.export'({ path, overwrite }) {
      const signer = ctx.signer();
      const locker = await ctx.locker();
      const summary = await exportBundle(locker, signer, path, overwrite === true);
      await locker.commit(signer, { audit: [{ kind: 'bundle.exported', details: { ...summary } }] });
      return summary;
    },
    async 'bundle.import'({ path }) {
      const signer = ctx.signer();
      return importBundle(await ctx.locker(), signer, path);
    },
    async 'verify.file'({ path }) {
      return verifyFile(path);
    },
  };
}
