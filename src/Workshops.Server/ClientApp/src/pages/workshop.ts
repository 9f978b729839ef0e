import { accessWorkshop, signInWithKey, takeKeyFromUrl } from '../lib/auth';
import { byId, h, pathSegment, replace } from '../lib/dom';
import { HubClient } from '../lib/hub';
import { applyStatic, hasChosenLanguage, initLanguage, onLanguageChange, t } from '../lib/i18n';
import { dropSession, saveLastWorkshop } from '../lib/session';
import { WorkshopSync } from '../lib/sync';
import { errorText, fullMessage, languageSwitch } from '../lib/ui';
import { FacilitatorView } from '../views/facilitator';
import { ParticipantView } from '../views/participant';

// /w/{workshopId}: the participant view, or the facilitator view for staff tokens.

initLanguage(null);
applyStatic();
const main = byId('main');
const topbar = byId('topbar');
topbar.append(h('a', { class: 'brand', href: '/' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }), h('span', { class: 'brand-name' }, t('app.name'))),
  h('div', { class: 'topbar-tools' }, languageSwitch()));

async function start(): Promise<void> {
  const workshopId = pathSegment(1);
  const key = takeKeyFromUrl();
  if (key) {
    try {
      await signInWithKey(key);
    } catch (error) {
      fullMessage(main, t('join.badKey'), errorText((error as { code?: string }).code ?? 'unknown'), { href: '/', text: t('access.home') });
      return;
    }
  }
  let access;
  try {
    access = await accessWorkshop(workshopId, new URLSearchParams(location.search).get('as') === 'participant');
  } catch (error) {
    fullMessage(main, t('access.errorTitle'), errorText((error as { code?: string }).code ?? 'unknown'), { href: location.pathname, text: t('access.retry') });
    return;
  }
  if (!access) {
    fullMessage(main, t('access.joinFirstTitle'), t('access.joinFirstText'), { href: '/', text: t('access.join') });
    return;
  }
  const { session, snapshot } = access;
  if (!hasChosenLanguage()) {
    initLanguage(snapshot.language);
    applyStatic();
  }
  if (session.role === 'participant') {
    saveLastWorkshop(workshopId, snapshot.title);
  }
  replace(main, h('p', { class: 'loading' }, t('app.connecting')));
  const hub = new HubClient(() => session.token);
  const sync = new WorkshopSync(hub, workshopId, session.participantId ?? session.role);
  const view = session.role === 'participant'
    ? new ParticipantView(main, topbar, sync, session)
    : new FacilitatorView(main, topbar, sync, session);
  document.body.classList.add(session.role === 'participant' ? 'view-participant' : 'view-facilitator');
  let gone = false;
  const eventGone = (): void => {
    gone = true;
    hub.stop();
    dropSession(session.token);
    fullMessage(main, t('gone.title'), t('gone.text'), { href: '/', text: t('access.home') });
  };
  sync.onChange((change) => {
    if (gone) {
      return;
    }
    if (change.kind === 'fatal' && change.code === 'not_found') {
      eventGone();
    } else {
      view.onChange(change);
    }
  });
  hub.onEvent((name, payload) => {
    if (payload.eventId && payload.eventId !== snapshot.eventId) {
      return;
    }
    // eventChanged is a workshop event too: the sync takes a fresh snapshot on it.
    if (name === 'eventDeleted') {
      eventGone();
    }
  });
  onLanguageChange(() => view.rerender());
  hub.onUnauthorized = () => {
    if (gone) {
      return;
    }
    dropSession(session.token);
    fullMessage(main, t('access.lostTitle'), t('access.expired'), { href: '/', text: t('access.join') });
  };
  sync.attach();
  hub.start();
}

void start();
