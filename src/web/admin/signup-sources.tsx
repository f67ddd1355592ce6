/** @jsxImportSource hono/jsx */
// The CoCo's report of which posters and links bring people in. Mounted at /beheer/aanmeldbronnen.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import { fieldsFromZod } from '../../errors.js';
import { catalogue } from '../../modules/print/catalogue.js';
import { signupSources } from '../../modules/signup-sources/service.js';
import type { Errors } from './kit/field.js';
import { type AdminEnv, coco, fieldErrors, page } from './kit/http.js';
import { SignupSourcesPage, type SourceGroup } from './pages/signup-sources.js';

// GET /beheer/aanmeldbronnen?van=&tot=     coco   signups per source and stadsdorp in a period (default: the last year)

const Day = z.iso.date({ error: 'Vul een datum in zoals 2026-03-31.' });
const Period = z.object({ van: Day.optional(), tot: Day.optional() });

// One colour per poster of the series, one for every other source; readable on white.
const COLOURS = ['#1f5c3a', '#b35900', '#2a5d9f', '#8c1b5a', '#5b4a9e'];
const OTHER = '#6b7a70';

const DAY_MS = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** signupSourcePages serves the CoCo's signup-sources report. */
export function signupSourcePages(deps: AppDeps) {
  const posters = catalogue().filter((t) => t.qrCode);
  const groups: SourceGroup[] = [
    ...posters.map((t, i) => ({
      key: `poster-${t.slug}`,
      label: t.title,
      colour: COLOURS[i % COLOURS.length]!,
    })),
    { key: 'andere', label: 'Andere bronnen (links, websites)', colour: OTHER },
  ];
  // A poster's QR code records `poster-<template>-<size>`; everything else is grouped as other.
  const posterOf = (bron: string) => {
    const m = /^poster-([a-z0-9-]+)-(A[34])$/.exec(bron);
    const t = m && posters.find((p) => p.slug === m[1]);
    return t ? { template: t, size: m[2]! } : null;
  };
  const groupOf = (bron: string) => {
    const p = posterOf(bron);
    return p ? `poster-${p.template.slug}` : 'andere';
  };
  const labelOf = (bron: string) => {
    const p = posterOf(bron);
    return p ? `${p.template.title}, ${p.size}` : bron;
  };

  return new Hono<AdminEnv>().get('/', coco, async (c) => {
    const raw = { van: c.req.query('van') || undefined, tot: c.req.query('tot') || undefined };
    const values = { van: raw.van ?? '', tot: raw.tot ?? '' };
    const today = deps.now();
    const since = (days: number) =>
      `/beheer/aanmeldbronnen?van=${isoDay(new Date(today.getTime() - (days - 1) * DAY_MS))}&tot=${isoDay(today)}`;
    const quick = [
      { label: 'Laatste 30 dagen', href: since(30) },
      { label: 'Laatste 90 dagen', href: since(90) },
      { label: 'Laatste 12 maanden', href: since(365) },
      {
        label: `Heel ${today.getUTCFullYear()}`,
        href: `/beheer/aanmeldbronnen?van=${today.getUTCFullYear()}-01-01&tot=${isoDay(today)}`,
      },
    ];
    const show = (
      errors: Errors,
      report: Awaited<ReturnType<typeof signupSources>> | null,
      status: 200 | 400,
    ) =>
      page(
        c,
        SignupSourcesPage({ ...c.get('frame'), values, errors, report, quick, groups, groupOf, labelOf }),
        status,
      );
    const parsed = Period.safeParse(raw);
    if (!parsed.success) return show(fieldsFromZod(parsed.error), null, 400);
    try {
      const report = await signupSources(deps, c.get('principal'), {
        from: parsed.data.van,
        to: parsed.data.tot,
      });
      if (!values.van) values.van = report.from;
      if (!values.tot) values.tot = report.to;
      return show({}, report, 200);
    } catch (err) {
      const errors = fieldErrors(err);
      if (errors) return show(errors.from ? { van: errors.from } : errors, null, 400);
      throw err;
    }
  });
}
