// Files the person names (documents in and out, bundles, credentials): one place that
// turns file-system failures into plain errors naming the path, and that writes output
// so a failed or interrupted write never leaves a half-written file under the real name.
import { randomBytes } from 'node:crypto';
import { link, rename, rm, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { KithError } from '../base/errors.ts';

/** A KithError for a failed file-system call on `path`; anything unexpected stays Internal. */
export function fileError(error: unknown, path: string): KithError {
  if (error instanceof KithError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return new KithError('NotFound', `There is no file or folder at ${path}.`);
    case 'ENOTDIR':
      return new KithError('NotFound', `A part of ${path} is not a folder.`);
    case 'EISDIR':
      return new KithError('InvalidInput', `${path} is a folder, not a file.`);
    case 'EACCES':
    case 'EPERM':
      return new KithError('InvalidInput', `Kith is not allowed to use ${path}.`, { hint: 'Check its permissions.' });
    case 'EEXIST':
      return new KithError('AlreadyExists', `${path} already exists.`, { hint: 'Choose another name, or add --force to replace it.' });
    case 'ENOSPC':
      return new KithError('InvalidInput', `The disk is full while writing ${path}.`, { hint: 'Free some space and try again.' });
    default:
      return new KithError('Internal', `Kith could not use ${path}.`, { cause: error });
  }
}

/** The size of the regular file at `path`; NotFound / InvalidInput otherwise. */
export async function regularFileSize(path: string): Promise<number> {
  const info = await stat(path).catch((error: unknown) => {
    throw fileError(error, path);
  });
  if (!info.isFile()) throw new KithError('InvalidInput', `${path} is not a regular file.`);
  return info.size;
}

/**
 * Writes `path` through `write(tempPath)`: the temp file sits in the same folder and
 * takes the real name only when complete. Without `overwrite`, an existing file is never
 * replaced, even one created while we wrote (a hard link fails where rename would not).
 */
export async function writeAtomically(path: string, overwrite: boolean, write: (tempPath: string) => Promise<void>): Promise<void> {
  const folder = await stat(dirname(path)).catch((error: unknown) => {
    throw fileError(error, dirname(path));
  });
  if (!folder.isDirectory()) throw new KithError('NotFound', `${dirname(path)} is not a folder.`);
  const existing = await stat(path).catch(() => undefined);
  if (existing?.isDirectory() === true) throw new KithError('InvalidInput', `${path} is a folder, not a file.`);
  if (existing !== undefined && !overwrite) throw fileError(Object.assign(new Error(), { code: 'EEXIST' }), path);

  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.part`);
  try {
    await write(temp);
    if (overwrite) await rename(temp, path);
    else {
      await link(temp, path);
      await unlink(temp);
    }
  } catch (error) {
    await rm(temp, { force: true });
    throw fileError(error, path);
  }
}
