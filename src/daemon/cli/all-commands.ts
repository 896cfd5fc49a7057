// Every contract-backed `kith` command, in the order `kith --help` lists them.
import { coreCommands, type Command } from './commands.ts';
import { networkCommands } from './network-commands.ts';
import { peopleCommands } from './people-commands.ts';
import { sharingCommands } from './sharing-commands.ts';
import { sharedFileCommands } from './shared-file-commands.ts';
import { agreementCommands } from './agreement-commands.ts';
import { requestCommands } from './request-commands.ts';
import { vendorCommands } from './vendor-commands.ts';
import { vendorComplianceCommands } from './vendor-compliance-commands.ts';
import { importCommands } from './import-commands.ts';
import { recoveryCommands } from './recovery-commands.ts';
import { conversationCommands } from './conversation-commands.ts';

export const commands: Readonly<Record<string, Command>> = { ...coreCommands, ...networkCommands, ...peopleCommands, ...sharingCommands, ...sharedFileCommands, ...agreementCommands, ...vendorCommands, ...vendorComplianceCommands, ...requestCommands, ...conversationCommands, ...importCommands, ...recoveryCommands };
