// The composer's script, served by the app itself at /beheer/campagnes/componist.js (beheer's
// CSP allows script-src 'self' only). Without it the composer works the same with the
// Opslaan button; with it:
// - ~300 ms after the last keystroke the typed form goes to POST .../voorbeeld (rendered by
//   the server as a send renders it, nothing saved) and the mail in the frame is swapped in
//   place, keeping its scroll position; the text version and the subject follow;
// - ~1.5 s after the last keystroke the form is saved (POST .../bewaren), and the version it
//   was saved at goes back into the form, so the next save, by script or button, builds on it;
// - a save refused because someone else saved meanwhile stops the autosave and says to press
//   Opslaan, which shows what changed;
// - a button pressed while a save is under way waits for that save, then submits.

/** COMPOSER_SCRIPT is the composer's JavaScript, plain ES2017 for every browser of the CoCo. */
export const COMPOSER_SCRIPT = `(function () {
  var form = document.querySelector('form[data-componist]');
  if (!form) return;
  var base = form.getAttribute('data-componist');
  var frame = document.querySelector('iframe[data-voorbeeld]');
  var textPart = document.querySelector('[data-tekstversie]');
  var subject = document.querySelector('[data-onderwerp]');
  var omitted = document.querySelector('[data-weggelaten]');
  var status = document.querySelector('[data-bewaard]');
  var PREVIEW_MS = 300, SAVE_MS = 1500;
  var previewTimer = null, saveTimer = null, previewSeq = 0;
  var saving = false, saveAgain = false, stopped = false, pendingSubmit = null, dirty = false;

  function body() {
    var data = new FormData(form);
    data.delete('actie');
    return new URLSearchParams(data);
  }
  function post(path) {
    return fetch(base + path, {
      method: 'POST',
      body: body(),
      headers: { accept: 'application/json' },
      credentials: 'same-origin'
    });
  }
  function say(text, bad) {
    if (!status) return;
    status.textContent = text;
    status.classList.toggle('fout', !!bad);
  }

  // The frame loads the saved mail from its src; a preview that comes back before that load
  // ends would be overwritten by it, so it waits for the load (on a busy server the typed
  // text's preview can win the race, and the frame would show the stored text).
  var frameLoaded = false, waitingHtml = null;
  function frameReady() {
    try {
      var d = frame.contentDocument;
      return !!d && d.readyState === 'complete' && d.URL !== 'about:blank';
    } catch (e) { return false; }
  }
  if (frame) {
    frameLoaded = frameReady();
    frame.addEventListener('load', function () {
      frameLoaded = true;
      if (waitingHtml !== null) { var h = waitingHtml; waitingHtml = null; swap(h); }
    });
  }

  function swap(html) {
    if (frame && !frameLoaded) { waitingHtml = html; return; }
    var doc = frame && frame.contentDocument;
    if (!doc || !doc.documentElement) { if (frame) frame.src = base + '/voorbeeld'; return; }
    var win = frame.contentWindow;
    var y = win ? win.scrollY : 0;
    var fresh = new DOMParser().parseFromString(html, 'text/html');
    doc.replaceChild(doc.importNode(fresh.documentElement, true), doc.documentElement);
    if (win) win.scrollTo(0, y);
  }

  function preview() {
    var seq = ++previewSeq;
    post('/voorbeeld')
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(function (p) {
        if (seq !== previewSeq) return;
        swap(p.html);
        if (textPart) textPart.textContent = p.text;
        if (subject) subject.textContent = p.subject;
        if (omitted) omitted.textContent = p.omitted.length
          ? 'Nog niet in het voorbeeld: ' + p.omitted.join(' ')
          : '';
        frame.setAttribute('data-gevolgd', String(seq));
      })
      .catch(function () {
        if (omitted) omitted.textContent = 'Het voorbeeld kon niet worden bijgewerkt. Het wordt bij de volgende wijziging opnieuw geprobeerd.';
      });
  }

  function firstError(errors) {
    for (var k in errors) if (Object.prototype.hasOwnProperty.call(errors, k)) return errors[k];
    return '';
  }

  function save() {
    if (stopped || !dirty) return;
    if (saving) { saveAgain = true; return; }
    saving = true;
    dirty = false;
    say('Bezig met opslaan…');
    post('/bewaren')
      .then(function (r) { return r.json().then(function (j) { return { status: r.status, json: j }; }); })
      .then(function (a) {
        if (a.status === 200) {
          form.elements.versie.value = a.json.version;
          form.elements.was.value = a.json.was;
          say('Automatisch opgeslagen om ' + a.json.savedAt + '.');
        } else if (a.status === 409) {
          stopped = true;
          say(a.json.message + ' Druk op Opslaan om te zien wat er veranderd is; uw tekst blijft staan.', true);
        } else {
          say('Nog niet opgeslagen: ' + (firstError(a.json.errors || {}) || a.json.message), true);
        }
      })
      .catch(function () {
        dirty = true;
        say('Niet opgeslagen: geen verbinding met de server. Het wordt zo opnieuw geprobeerd.', true);
      })
      .then(function () {
        saving = false;
        if (pendingSubmit) {
          var s = pendingSubmit;
          pendingSubmit = null;
          if (s === true) form.requestSubmit(); else form.requestSubmit(s);
          return;
        }
        if (saveAgain) { saveAgain = false; save(); }
      });
  }

  // A form that came back with errors or a conflict holds unsaved text: show it at once.
  if (form.hasAttribute('data-niet-opgeslagen')) preview();
  form.addEventListener('input', function () {
    dirty = true;
    clearTimeout(previewTimer);
    previewTimer = setTimeout(preview, PREVIEW_MS);
    clearTimeout(saveTimer);
    saveTimer = setTimeout(save, SAVE_MS);
  });
  form.addEventListener('submit', function (e) {
    clearTimeout(saveTimer);
    clearTimeout(previewTimer);
    if (saving) {
      e.preventDefault();
      pendingSubmit = e.submitter || true;
    }
  });
})();
`;
