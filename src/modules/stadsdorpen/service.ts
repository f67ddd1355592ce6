import { isConstraintError } from '../../db/constraint.js';
import type { AppDeps } from '../../deps.js';
import { AppError, notFound } from '../../errors.js';
import {
  deleteStadsdorp,
  findStadsdorpBySlug,
  insertStadsdorp,
  listStadsdorpen,
  slugsLike,
  updateStadsdorp,
} from './repo.js';
import { type Stadsdorp, type StadsdorpCreate, type StadsdorpPatch, slugify } from './schema.js';

type Deps = Pick<AppDeps, 'db' | 'now'>;

function slugTaken(slug: string): AppError {
  return new AppError('conflict', `Er is al een stadsdorp met de korte naam "${slug}". Kies een andere.`, {
    slug: 'is al in gebruik',
  });
}

async function freeSlug(deps: Deps, base: string): Promise<string> {
  const taken = await slugsLike(deps.db, base);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** getStadsdorp returns one stadsdorp by slug or throws not_found. */
export async function getStadsdorp(deps: Deps, slug: string): Promise<Stadsdorp> {
  return (await findStadsdorpBySlug(deps.db, slug)) ?? notFound(`Stadsdorp "${slug}"`);
}

/** allStadsdorpen lists every stadsdorp, examples included. */
export async function allStadsdorpen(deps: Deps): Promise<Stadsdorp[]> {
  return listStadsdorpen(deps.db);
}

/** createStadsdorp adds a stadsdorp; a missing slug is made from the name and numbered until unique. */
export async function createStadsdorp(
  deps: Deps,
  input: StadsdorpCreate & { isExample?: boolean },
): Promise<Stadsdorp> {
  let slug = input.slug;
  if (!slug) {
    const base = slugify(input.name);
    if (!base) {
      throw new AppError('validation', 'Uit deze naam valt geen korte naam te maken; vul een slug in.', {
        slug: 'verplicht bij deze naam',
      });
    }
    slug = await freeSlug(deps, base);
  }
  try {
    await insertStadsdorp(deps.db, {
      slug,
      name: input.name,
      gebied: input.gebied,
      website: input.website ?? null,
      contactEmail: input.contactEmail ?? null,
      isExample: input.isExample,
      now: deps.now().toISOString(),
    });
  } catch (err) {
    if (isConstraintError(err, 'UNIQUE')) throw slugTaken(slug);
    throw err;
  }
  return getStadsdorp(deps, slug);
}

/** editStadsdorp changes the given fields of a stadsdorp, its slug included. */
export async function editStadsdorp(deps: Deps, slug: string, patch: StadsdorpPatch): Promise<Stadsdorp> {
  const current = await getStadsdorp(deps, slug);
  const next = {
    slug: patch.slug ?? current.slug,
    name: patch.name ?? current.name,
    gebied: patch.gebied ?? current.gebied,
    website: patch.website === undefined ? current.website : patch.website,
    contactEmail: patch.contactEmail === undefined ? current.contactEmail : patch.contactEmail,
    updatedAt: deps.now().toISOString(),
  };
  try {
    await updateStadsdorp(deps.db, current.id, next);
  } catch (err) {
    if (isConstraintError(err, 'UNIQUE')) throw slugTaken(next.slug);
    throw err;
  }
  return getStadsdorp(deps, next.slug);
}

/** removeStadsdorp deletes a stadsdorp; its subscribers stay, without a stadsdorp. */
export async function removeStadsdorp(deps: Deps, slug: string): Promise<void> {
  const current = await getStadsdorp(deps, slug);
  try {
    await deleteStadsdorp(deps.db, current.id);
  } catch (err) {
    if (isConstraintError(err, 'FOREIGN KEY')) {
      throw new AppError(
        'conflict',
        `Stadsdorp "${slug}" wordt nog gebruikt (bijvoorbeeld door ontwerpen of campagnes) en kan niet worden verwijderd.`,
      );
    }
    throw err;
  }
}
