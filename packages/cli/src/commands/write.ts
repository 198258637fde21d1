import { randomUUID } from 'node:crypto';
import * as E from 'fp-ts/Either';
import type { Command as Program } from 'commander';
import { Option } from 'commander';
import { handleResultJson, type CommandMeta, type HandleResult } from '@assure/event-store';
import { type Ctx, fail, printJson, withStore, type AddCommands } from '../context';
import { CliErrors } from '../errors';
import { ExitCode } from '../exit-codes';
import { commandSchemas, type CommandSchema, type FlagSchema } from '../schema/commands';
import { camel } from '../schema/describe';
import { parseJsonStrict } from '../strict-json';

type Opts = Record<string, unknown>;

const collect = (value: string, previous: unknown): string[] => [
  ...(Array.isArray(previous) ? (previous as string[]) : []),
  value,
];

/** The commander attribute name of a flag (`--inherent-likelihood` -> `inherentLikelihood`). */
const attr = (flag: string): string => camel(flag.replace(/^--/, ''));

function describeFlag(f: FlagSchema): string {
  const what =
    f.read === 'list'
      ? `${f.codec}: repeat the flag or give a comma list`
      : f.read === 'evidence'
        ? 'evidence: a URI, or JSON {"uri", "sha256"?, "title"?}; repeatable'
        : f.values !== undefined
          ? `one of ${f.values.join(', ')}`
          : f.codec;
  return `${f.required ? '(required) ' : ''}${what}`;
}

/** Sets a value at a path of a plain object. */
function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  path.forEach((key, i) => {
    if (i === path.length - 1) node[key] = value;
    else {
      const next = node[key];
      node[key] = typeof next === 'object' && next !== null ? next : {};
      node = node[key] as Record<string, unknown>;
    }
  });
}

/**
 * Builds a command's data from parsed flags: integers are read as numbers when they look
 * like integers (otherwise left as text for the codec to reject with the field's name),
 * lists are split on commas, evidence items are a URI or a JSON object, absent lists are
 * empty. Everything is then checked by the domain codec.
 */
export function dataFromFlags(
  schema: CommandSchema,
  opts: Opts,
): E.Either<ReturnType<typeof CliErrors.usage>, Record<string, unknown>> {
  const data: Record<string, unknown> = {};
  for (const f of schema.flags) {
    const raw = opts[attr(f.flag)];
    switch (f.read) {
      case 'text':
        if (typeof raw === 'string') setPath(data, f.path, raw);
        break;
      case 'integer':
        if (typeof raw === 'string') setPath(data, f.path, /^-?\d+$/.test(raw) ? Number(raw) : raw);
        break;
      case 'list': {
        const items = Array.isArray(raw) ? (raw as string[]) : [];
        const list = items
          .flatMap((v) => v.split(','))
          .map((v) => v.trim())
          .filter((v) => v !== '');
        if (f.required || list.length > 0) setPath(data, f.path, list);
        break;
      }
      case 'evidence': {
        const items = Array.isArray(raw) ? (raw as string[]) : [];
        const list: unknown[] = [];
        for (const v of items) {
          if (v.trim().startsWith('{')) {
            // Strict: a key repeated in the object is refused, not left to the last one.
            const item = parseJsonStrict(v);
            if (E.isLeft(item)) {
              const where = item.left.path === '' ? '' : `${item.left.path}: `;
              return E.left(CliErrors.usage(`${f.flag}: ${where}${item.left.message}`));
            }
            list.push(item.right);
          } else list.push({ uri: v });
        }
        if (f.required || list.length > 0) setPath(data, f.path, list);
        break;
      }
      default: {
        const never: never = f.read;
        return never;
      }
    }
  }
  return E.right(data);
}

/** The meta of a command issued from the command line. */
export function metaFromFlags(
  ctx: Ctx,
  opts: Opts,
): E.Either<ReturnType<typeof CliErrors.usage>, CommandMeta> {
  const actor = ctx.globals.actor;
  const role = ctx.globals.role;
  if (actor === undefined || actor === '')
    return E.left(CliErrors.usage('--actor is required to write (or set ASSURE_ACTOR)'));
  if (role === undefined || role === '')
    return E.left(CliErrors.usage('--role is required to write (or set ASSURE_ROLE)'));
  const on = typeof opts['on'] === 'string' ? opts['on'] : ctx.io.now().toISOString();
  const commandId = typeof opts['commandId'] === 'string' ? opts['commandId'] : randomUUID();
  return E.right({ actor, role, occurredAt: on, commandId });
}

function printResult(ctx: Ctx, r: HandleResult): void {
  if (ctx.globals.json) return printJson(ctx, handleResultJson(r));
  if (r.events.length === 0) ctx.io.out(`nothing to write (${r.stream} unchanged)\n`);
  for (const e of r.events)
    ctx.io.out(`${e.type} ${e.stream}@${e.revision} at position ${e.position}\n`);
}

/** Runs one domain command from its flags. */
async function runDomainCommand(ctx: Ctx, schema: CommandSchema, opts: Opts): Promise<ExitCode> {
  const data = dataFromFlags(schema, opts);
  if (E.isLeft(data)) return fail(ctx, data.left);
  const meta = metaFromFlags(ctx, opts);
  if (E.isLeft(meta)) return fail(ctx, meta.left);
  if (schema.type === 'SealLedger') return (await import('./seal.js')).sealLedger(ctx, meta.right);
  const { domainModel } = await import('@assure/domain');
  const { createCommandHandler } = await import('@assure/event-store');
  return withStore(ctx, {}, async (store) => {
    const handler = createCommandHandler({ store, model: domainModel });
    const r = await handler.handleUnknown({ type: schema.type, data: data.right }, meta.right)();
    if (E.isLeft(r)) return fail(ctx, r.left);
    printResult(ctx, r.right);
    return ExitCode.ok;
  });
}

/**
 * Adds `assure <noun> <verb>` for every domain command, with flags derived from the
 * command's codec, `--on DATE` and `--command-id`.
 */
export const addDomainCommands: AddCommands = (program, ctxOf, done) => {
  const nouns = new Map<string, Program>();
  for (const schema of commandSchemas()) {
    const { noun, verb } = schema.place;
    let parent = nouns.get(noun);
    if (parent === undefined) {
      parent = program.command(noun).description(`${noun} commands`);
      parent.copyInheritedSettings(program);
      nouns.set(noun, parent);
    }
    const cmd = parent.command(verb).description(`${schema.type}`);
    for (const f of schema.flags) {
      const placeholder =
        f.read === 'list' ? '<ids>' : f.read === 'evidence' ? '<evidence>' : '<value>';
      const option = new Option(`${f.flag} ${placeholder}`, describeFlag(f));
      if (f.read === 'list' || f.read === 'evidence') option.argParser(collect);
      cmd.addOption(option);
    }
    cmd.option(
      '--on <date>',
      'when it happened (occurredAt): YYYY-MM-DD or an instant; default now',
    );
    cmd.option('--command-id <id>', 'idempotency key (default: a fresh UUID)');
    cmd.action(async (opts: Opts) => done(await runDomainCommand(ctxOf(), schema, opts)));
  }
};
