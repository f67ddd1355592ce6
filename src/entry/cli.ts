import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { seedDemo } from '../../subscribers/demo-seed.js';
import { ConfigError, parseConfig } from '../config.js';
import { migrate } from '../db/migrate.js';
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';
import { Role } from '../kernel/principal.js';
import { AccountInput } from '../modules/accounts/schema.js';
import { createAccount, logActivity, loginLinkFor } from '../modules/accounts/service.js';
import { createApiToken, listApiTokens, revokeApiToken } from '../modules/auth/service.js';
import { exportList } from '../modules/csv/export.js';
import { importSubscribers } from '../modules/csv/import.js';
import { getStadsdorp } from '../modules/stadsdorpen/service.js';
import { applyD1Migrations, openWorkers, type WorkersTarget } from './cli-workers.js';
import { buildNodeDeps, closeNodeDeps, databaseFile } from './node-runtime.js';

type Command = {
  usage: string;
  /**
   * Whether the command may start a new database where DATA_DIR holds none. Only migrate (how
   * a database is set up before a first start) and seed-demo (a demo database is its purpose)
   * may; in a new database a token would not open the running service, an import would land
   * where the service never looks, and an export would be empty.
   */
  createsDatabase?: true;
  /** Whether the command also runs with --workers, against D1 and R2. */
  onWorkers?: true;
  run: (deps: AppDeps, args: string[]) => Promise<void>;
};

/** What the activity log names the shell as. */
const CLI_ACTOR = { accountId: null, name: 'CLI' };

// Every command of `npm run cli -- <command>`, in one table.
const commands: Record<string, Command> = {
  migrate: {
    usage: 'migrate                                   apply pending migrations (creates the database)',
    createsDatabase: true,
    onWorkers: true,
    async run(deps) {
      const applied = await migrate(deps.db);
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
    },
  },
  'seed-demo': {
    usage:
      'seed-demo                                 add the example stadsdorpen and demo subscribers (idempotent)',
    createsDatabase: true,
    async run(deps) {
      const added = await seedDemo(deps);
      console.log(
        `Demo seed: ${added.stadsdorpen} example stadsdorpen and ${added.subscribers} demo subscribers added.`,
      );
    },
  },
  token: {
    onWorkers: true,
    usage: `token create --role coco|stadsdorp [--stadsdorp SLUG] --name NAME   make an API token (printed as the last line)
  token list                                list every API token: id, role, stadsdorp, name, active or revoked
  token revoke ID                           revoke an API token: it stops working at once`,
    async run(deps, args) {
      const { positionals, values } = parseArgs({
        args,
        allowPositionals: true,
        options: { role: { type: 'string' }, stadsdorp: { type: 'string' }, name: { type: 'string' } },
      });
      const [action, idText] = positionals;
      if (action === 'list') {
        const tokens = await listApiTokens(deps.db);
        if (tokens.length === 0) console.log('No API tokens yet: make one with `token create`.');
        for (const t of tokens) {
          const state = t.revokedAt ? `revoked ${t.revokedAt}` : 'active';
          console.log(
            `#${t.id}\t${t.role}${t.stadsdorp ? ` (${t.stadsdorp})` : ''}\t${t.name}\tcreated ${t.createdAt}\t${state}`,
          );
        }
        return;
      }
      if (action === 'revoke') {
        if (!idText || !/^[1-9]\d*$/.test(idText)) {
          throw new Error('Usage: token revoke ID (the number `token list` shows after #)');
        }
        const revoked = (await listApiTokens(deps.db)).find((t) => t.id === Number(idText));
        await revokeApiToken(deps.db, Number(idText));
        await logActivity(deps, CLI_ACTOR, 'token-revoke', `${revoked?.name ?? 'token'} (#${idText})`);
        console.log(`Revoked token #${idText}: it no longer works.`);
        return;
      }
      if (action !== 'create')
        throw new Error('Usage: token create --role coco --name NAME | token list | token revoke ID');
      const role = Role.parse(values.role);
      if (!values.name) throw new Error('--name is required');
      const stadsdorpId = values.stadsdorp ? (await getStadsdorp(deps, values.stadsdorp)).id : null;
      const { id, token } = await createApiToken(deps.db, { name: values.name, role, stadsdorpId });
      await logActivity(deps, CLI_ACTOR, 'token-create', `${values.name} (#${id})`);
      console.log(`Created ${role} token #${id} for ${values.name}. Keep it safe: it is shown only once.`);
      console.log(token);
    },
  },
  account: {
    onWorkers: true,
    usage:
      'account create --role coco|stadsdorp [--stadsdorp SLUG] --email E --name N   make a beheer account (a login link, valid 15 minutes, is the last line)',
    async run(deps, args) {
      const { positionals, values } = parseArgs({
        args,
        allowPositionals: true,
        options: {
          role: { type: 'string' },
          stadsdorp: { type: 'string' },
          email: { type: 'string' },
          name: { type: 'string' },
        },
      });
      if (positionals[0] !== 'create')
        throw new Error('Usage: account create --role coco|stadsdorp [--stadsdorp SLUG] --email E --name N');
      const parsed = AccountInput.safeParse(values);
      if (!parsed.success)
        throw new Error(parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n'));
      const account = await createAccount(deps, CLI_ACTOR, parsed.data);
      console.log(`Created ${account.role} account #${account.id} for ${account.name} <${account.email}>.`);
      console.log(await loginLinkFor(deps, account));
    },
  },
  import: {
    onWorkers: true,
    usage:
      'import FILE --list SLUG [--stadsdorp SLUG] [--dry-run]   import a CSV file of subscribers into a list',
    async run(deps, args) {
      const { positionals, values } = parseArgs({
        args,
        allowPositionals: true,
        options: { list: { type: 'string' }, stadsdorp: { type: 'string' }, 'dry-run': { type: 'boolean' } },
      });
      const file = positionals[0];
      if (!file || !values.list) throw new Error('Usage: import FILE --list SLUG [--dry-run]');
      const report = await importSubscribers(deps, {
        listSlug: values.list,
        bytes: readFileSync(file),
        fileName: basename(file),
        dryRun: values['dry-run'],
        defaultStadsdorp: values.stadsdorp,
        actor: 'cli',
      });
      for (const e of report.errors) console.log(`regel ${e.line}: ${e.message}`);
      console.log(
        `${report.dryRun ? 'Proef (niets opgeslagen): ' : ''}${report.imported} nieuw, ${report.updated} bijgewerkt, ${report.skipped} overgeslagen (${report.encoding}, scheidingsteken ${JSON.stringify(report.separator)})`,
      );
    },
  },
  export: {
    onWorkers: true,
    usage:
      'export --list SLUG [--status STATUS] [--out FILE]   write a list as CSV for Excel (stdout without --out)',
    async run(deps, args) {
      const { values } = parseArgs({
        args,
        options: { list: { type: 'string' }, status: { type: 'string' }, out: { type: 'string' } },
      });
      if (!values.list) throw new Error('Usage: export --list SLUG [--out FILE]');
      const out = await exportList(deps, { listSlug: values.list, status: values.status ?? null });
      const bytes = Buffer.from(await new Response(out.body).arrayBuffer());
      if (values.out) {
        writeFileSync(values.out, bytes);
        console.error(`Wrote ${values.out} (${bytes.length} bytes)`);
      } else process.stdout.write(bytes);
    },
  },
};

/** requireDatabase stops a command that needs the service's data where DATA_DIR holds no database. */
function requireDatabase(): void {
  const file = databaseFile(parseConfig(process.env));
  if (existsSync(file)) return;
  throw new ConfigError(
    `DATA_DIR: ${resolve(file, '..')} holds no database (no stadsdorpen.sqlite); run this where the service keeps its data or set DATA_DIR to that folder; \`npm start\` or \`npm run cli -- migrate\` makes a new one`,
  );
}

function usage(): string {
  return `Usage: npm run cli -- [--workers [--remote] [--persist-to DIR]] <command>

  --workers          work on the Cloudflare Workers data (D1 and R2 of wrangler.toml) instead of
                     DATA_DIR: the local state of \`wrangler dev\` (.wrangler/state, or --persist-to DIR)
  --remote           with --workers: the deployed D1 and R2 (after \`npx wrangler login\`); set
                     SECRET_KEY in the shell to the Worker's secret

${Object.values(commands)
  .map((c) => `  ${c.usage}`)
  .join('\n')}`;
}

/** workersTarget takes the leading --workers, --remote and --persist-to DIR off the arguments. */
function workersTarget(argv: string[]): { target: WorkersTarget | null; rest: string[] } {
  let workers = false;
  const target: WorkersTarget = { remote: false };
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--workers') workers = true;
    else if (a === '--remote') target.remote = true;
    else if (a === '--persist-to') target.persistTo = argv[++i];
    else break;
  }
  if ((target.remote || target.persistTo) && !workers)
    throw new ConfigError(
      '--remote and --persist-to go with --workers: npm run cli -- --workers --remote <command>',
    );
  if (target.remote && target.persistTo)
    throw new ConfigError('--persist-to is for the local state; leave it out with --remote');
  return { target: workers ? target : null, rest: argv.slice(i) };
}

async function main() {
  const { target, rest } = workersTarget(process.argv.slice(2));
  const [name, ...args] = rest;
  const command = name ? commands[name] : undefined;
  if (!command) {
    console.error(usage());
    process.exit(name ? 2 : 0);
  }
  if (target) {
    if (!command.onWorkers) throw new ConfigError(`${name}: not available with --workers`);
    // D1 has no BEGIN: wrangler applies the migrations to D1 itself.
    if (name === 'migrate') return applyD1Migrations(target);
    const session = await openWorkers(target);
    try {
      await command.run(session.deps, args);
    } finally {
      await session.dispose();
    }
    return;
  }
  if (!command.createsDatabase) requireDatabase();
  const deps = await buildNodeDeps();
  try {
    await command.run(deps, args);
  } finally {
    await closeNodeDeps(deps);
  }
}

main().catch((err) => {
  if (err instanceof ConfigError || err instanceof AppError) {
    console.error(err.message);
    process.exit(2);
  }
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
