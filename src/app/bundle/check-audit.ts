// The audit chain of a bundle, checked line by line against its owner before anything
// is imported: the same rules the locker applies (store/audit-entry.ts), on a file.
import { KithError } from '../../base/errors.ts';
import { parseWith } from '../../base/schema.ts';
import { GENESIS_PREV, auditEntrySchema, entryHash, signatureProblem, type ChainOwner } from '../../store/audit-entry.ts';
import { AUDIT_NAME } from './bundle-format.ts';

function broken(line: number, why: string): KithError {
  return new KithError('Corrupt', `The bundle has been altered or damaged: ${AUDIT_NAME} line ${line} ${why}.`, {
    hint: 'Use an untouched copy of the bundle.',
  });
}

/** Returns the number of entries; throws Corrupt naming the first line that breaks the chain. */
export async function checkAuditLines(lines: AsyncIterable<{ line: number; value: unknown }>, owner: ChainOwner): Promise<number> {
  let prevHash = GENESIS_PREV;
  let seq = 0;
  for await (const { line, value } of lines) {
    let entry;
    try {
      entry = parseWith(auditEntrySchema, value, `${AUDIT_NAME} line ${line}`);
    } catch (error) {
      throw broken(line, `is not an audit entry (${error instanceof Error ? error.message : 'malformed'})`);
    }
    if (entry.seq !== seq) throw broken(line, `claims position ${entry.seq} where ${seq} was expected`);
    if (entry.prev !== prevHash) throw broken(line, 'does not link to the entry before it');
    const problem = signatureProblem(entry, owner);
    if (problem !== undefined) throw broken(line, `has a bad signature (${problem})`);
    prevHash = entryHash(entry);
    seq++;
  }
  return seq;
}
