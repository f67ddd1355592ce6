import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { seedDemo } from '../../subscribers/demo-seed.js';
import { ConfigError } from '../config.js';
import { migrate } from '../db/migrate.js';
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';
import { AccountInput } from '../modules/accounts/schema.js';
import { createAccount, logActivity, loginLinkFor } from '../modules/accounts/service.js';
import { Role } from '../modules/auth/principal.js';
import { createApiToken } from '../modules/auth/service.js';
import { getStadsdorp } from '../modules/stadsdorpen/service.js';
import { exportList } from '../modules/subscribers/csv-export.js';
import { importSubscribers } from '../modules/subscribers/csv-import.js';
import { buildNodeDeps, closeNodeDeps } from './node-runtime.js';

type Command = {
  usage: string;
  run: (deps: AppDeps, args: string[]) => Promise<void>;
};

/** What the activity log names the shell as. */
const CLI_ACTOR = { accountId: null, name: 'CLI' };

// Every command of `npm run cli -- <command>`, in one table.
const commands: Record<string, Command> = {
  migrate: {
    usage: 'migrate                                   apply pending migrations',
    async run(deps) {
      const applied = await migrate(deps.db);
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
    },
  },
  'seed-demo': {
    usage:
      'seed-demo                                 add the example stadsdorpen and demo subscribers (idempotent)',
    async run(deps) {
      const added = await seedDemo(deps);
      console.log(
        `Demo seed: ${added.stadsdorpen} example stadsdorpen and ${added.subscribers} demo subscribers added.`,
      );
    },
  },
  token: {
    usage:
      'token create --role coco|stadsdorp [--stadsdorp SLUG] --name NAME   make an API token (printed as the last line)',
    async run(deps, args) {
      const { positionals, values } = parseArgs({
        args,
        allowPositionals: true,
        options: { role: { type: 'string' }, stadsdorp: { type: 'string' }, name: { type: 'string' } },
      });
      if (positionals[0] !== 'create') throw new Error('Usage: token create --role coco --name NAME');
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

function usage(): string {
  return `Usage: npm run cli -- <command>\n\n${Object.values(commands)
    .map((c) => `  ${c.usage}`)
    .join('\n')}`;
}

async function main() {
  const [name, ...args] = process.argv.slice(2);
  const command = name ? commands[name] : undefined;
  if (!command) {
    console.error(usage());
    process.exit(name ? 2 : 0);
  }
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
