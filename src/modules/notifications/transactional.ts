import { render } from '@react-email/render';
import { createElement, type ReactElement } from 'react';
import {
  BoardRequestsNotice,
  type Props as BoardRequestsNoticeProps,
} from '../../../emails/board-requests-notice.js';
import { ConfirmSignup } from '../../../emails/confirm-signup.js';
import {
  ContributionDeclined,
  type Props as ContributionDeclinedProps,
} from '../../../emails/contribution-declined.js';
import {
  ContributionsDigest,
  type Props as ContributionsDigestProps,
} from '../../../emails/contributions-digest.js';
import { EraseConfirm, type Props as EraseConfirmProps } from '../../../emails/erase-confirm.js';
import { LoginLink, type Props as LoginLinkProps } from '../../../emails/login-link.js';
import { Unsubscribed, type Props as UnsubscribedProps } from '../../../emails/unsubscribed.js';
import { Welcome, type Props as WelcomeProps } from '../../../emails/welcome.js';
import { plainText } from '../../mail/plain-text.js';

/** RenderedMail is a finished transactional mail: subject, HTML and its plain-text part. */
export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

const dateFormat = new Intl.DateTimeFormat('nl-NL', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/Amsterdam',
});

// Amsterdam is a whole number of hours ahead of UTC, so its date changes on a whole UTC hour:
// a date's text is formatted once an hour, not once a mail.
let lastDate = { hour: Number.NaN, text: '' };

/** amsterdamDate is a moment's date in Amsterdam as a mail writes it: "5 december 2026". */
export function amsterdamDate(at: Date): string {
  const hour = Math.floor(at.getTime() / 3_600_000);
  if (hour !== lastDate.hour) lastDate = { hour, text: dateFormat.format(at) };
  return lastDate.text;
}

async function finish(subject: string, element: ReactElement): Promise<RenderedMail> {
  const html = await render(element);
  return { subject, html, text: plainText(html) };
}

/** renderConfirmSignup builds the double opt-in mail. */
export function renderConfirmSignup(p: {
  name: string | null;
  confirmUrl: string;
  listNames: string[];
  expiresAt: Date;
  publicUrl: string;
}): Promise<RenderedMail> {
  return finish(
    'Bevestig uw aanmelding bij het Netwerk Amsterdamse Stadsdorpen',
    createElement(ConfirmSignup, {
      name: p.name,
      confirmUrl: p.confirmUrl,
      listNames: p.listNames,
      expiresOn: amsterdamDate(p.expiresAt),
      publicUrl: p.publicUrl,
    }),
  );
}

/** renderWelcome builds the mail sent once an address is confirmed, or once the CoCo approved a board request. */
export function renderWelcome(p: WelcomeProps): Promise<RenderedMail> {
  const subject = p.approved
    ? 'Uw aanmelding voor de besturenlijst is goedgekeurd'
    : 'Welkom bij het Netwerk Amsterdamse Stadsdorpen';
  return finish(subject, createElement(Welcome, p));
}

/** renderUnsubscribed builds the mail that confirms an unsubscribe. */
export function renderUnsubscribed(p: UnsubscribedProps): Promise<RenderedMail> {
  return finish('U bent afgemeld bij het Netwerk Amsterdamse Stadsdorpen', createElement(Unsubscribed, p));
}

/** renderEraseConfirm builds the mail with the link that erases the person's data. */
export function renderEraseConfirm(p: EraseConfirmProps): Promise<RenderedMail> {
  return finish('Uw gegevens wissen bij het Netwerk Amsterdamse Stadsdorpen', createElement(EraseConfirm, p));
}

/** renderLoginLink builds the mail with a one-time link into beheer (a login or an invitation). */
export function renderLoginLink(p: LoginLinkProps): Promise<RenderedMail> {
  const subject =
    p.purpose === 'invite'
      ? 'Uw account voor beheer van het Netwerk Amsterdamse Stadsdorpen'
      : 'Uw link om in te loggen bij beheer';
  return finish(subject, createElement(LoginLink, p));
}

/** renderBoardRequestsNotice builds the CoCo's daily notice about board requests that have waited a day. */
export function renderBoardRequestsNotice(p: BoardRequestsNoticeProps): Promise<RenderedMail> {
  const subject =
    p.waiting === 1
      ? 'Er wacht een aanvraag voor de besturenlijst'
      : `Er wachten ${p.waiting} aanvragen voor de besturenlijst`;
  return finish(subject, createElement(BoardRequestsNotice, p));
}

/** renderContributionDeclined builds the mail that tells an editor why the CoCo declined their contribution. */
export function renderContributionDeclined(p: ContributionDeclinedProps): Promise<RenderedMail> {
  return finish(`Uw inzending "${p.title}" is niet overgenomen`, createElement(ContributionDeclined, p));
}

/** renderContributionsDigest builds the CoCo's daily digest of waiting contributions. */
export function renderContributionsDigest(p: ContributionsDigestProps): Promise<RenderedMail> {
  const subject =
    p.waiting === 1
      ? 'Er wacht een inzending voor de Nieuwsbrief'
      : `Er wachten ${p.waiting} inzendingen voor de Nieuwsbrief`;
  return finish(subject, createElement(ContributionsDigest, p));
}
