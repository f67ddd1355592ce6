import { parseArgs } from 'node:util';
import { ConfigError } from '../config.js';
import { migrate } from '../db/migrate.js';
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';
import { Role } from '../modules/auth/principal.js';
import { createApiToken } from '../modules/auth/service.js';
import { buildNodeDeps } from './node-runtime.js';

type Command = {
  usage: string;
  run: (deps: AppDeps, args: string[]) => Promise<void>;
};

async function stadsdorpIdBySlug(deps: AppDeps, slug: string): Promise<number> {
  const row = await deps.db.get<{ id: number }>('SELECT id FROM stadsdorpen WHERE slug = ?', [slug]);
  if (!row) throw new AppError('not_found', `Stadsdorp "${slug}" bestaat niet.`);
  return row.id;
}

// Every command of `npm run cli -- <command>`, in one table.
const commands: Record<string, Command> = {
  migrate: {
    usage: 'migrate                                   apply pending migrations',
    async run(deps) {
      const applied = await migrate(deps.db);
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
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
      const stadsdorpId = values.stadsdorp ? await stadsdorpIdBySlug(deps, values.stadsdorp) : null;
      const { id, token } = await createApiToken(deps.db, { name: values.name, role, stadsdorpId });
      console.log(`Created ${role} token #${id} for ${values.name}. Keep it safe: it is shown only once.`);
      console.log(token);
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
    await deps.db.close();
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
