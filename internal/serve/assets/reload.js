/* prestatie serve – reloads the page once a new build is in place, and
   shows the errors of a build that failed over the last good version.
   Only the preview server adds this script; built sites never have it. */
(function () {
  'use strict';
  if (!window.EventSource) return;
  var seen = null;
  var overlay = null;

  function show(errors, build) {
    if (!overlay) {
      overlay = document.createElement('div');
      overlay.className = 'prestatie-overlay';
      overlay.setAttribute('role', 'alertdialog');
      overlay.setAttribute('aria-labelledby', 'prestatie-overlay-titel');
      document.body.appendChild(overlay);
    }
    overlay.textContent = '';
    var h = document.createElement('h2');
    h.id = 'prestatie-overlay-titel';
    h.textContent = errors.length === 1 ? '1 fout in de inhoud' : errors.length + ' fouten in de inhoud';
    overlay.appendChild(h);
    var p = document.createElement('p');
    p.textContent = (build ? 'De site hieronder is de laatste goede versie. ' : '') +
      'Zodra de fouten zijn opgelost, ververst deze pagina vanzelf.';
    overlay.appendChild(p);
    var list = document.createElement('ul');
    errors.forEach(function (e) {
      var li = document.createElement('li');
      var where = document.createElement('code');
      where.textContent = e.file ? e.file + (e.line ? ':' + e.line + (e.column ? ':' + e.column : '') : '') : '';
      li.appendChild(where);
      li.appendChild(document.createTextNode(where.textContent ? ' ' + e.message : e.message));
      list.appendChild(li);
    });
    overlay.appendChild(list);
    var close = document.createElement('button');
    close.type = 'button';
    close.textContent = 'Verbergen';
    close.addEventListener('click', function () { overlay.hidden = true; });
    overlay.appendChild(close);
    overlay.hidden = false;
  }

  function hide() {
    if (overlay) overlay.hidden = true;
  }

  var source = new EventSource('/_prestatie/events');
  source.onmessage = function (ev) {
    var state;
    try { state = JSON.parse(ev.data); } catch (e) { return; }
    if (seen === null) seen = state.build;
    if (state.build !== seen && !(state.errors && state.errors.length)) {
      window.location.reload();
      return;
    }
    if (state.errors && state.errors.length) show(state.errors, state.build); else hide();
  };
})();
