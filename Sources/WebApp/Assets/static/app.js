// Bookplate's web app: the changing controls of the server-rendered pages. Every change is a call to the same JSON
// API the `curl` users have, authenticated by the session cookie and the page's anti-forgery token (X-CSRF-Token),
// so every check of the API (roles, validation, upload limits) applies. Without JavaScript the pages still read.
'use strict';

(() => {
  const token = document.querySelector('meta[name="csrf-token"]')?.content ?? '';
  document.documentElement.classList.add('js');

  /** Calls the API; resolves to the parsed JSON answer (or null), rejects with the API's error message. */
  async function call(method, url, body) {
    const headers = { 'X-CSRF-Token': token, Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(url, {
      method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body),
    });
    return answer(response.status, response.statusText, await response.text());
  }

  /** The parsed body of an answer, or an Error carrying the API's message. */
  function answer(status, statusText, text) {
    let data = null;
    try { data = text ? JSON.parse(text) : null; } catch { data = null; }
    if (status >= 200 && status < 300) return data;
    const error = new Error(data?.error?.message ?? `${status} ${statusText}`);
    error.status = status;
    error.body = data;
    throw error;
  }

  /** Shows `text` in the form's status line (a live region); `failed` marks it as an error. */
  function say(form, text, failed = false) {
    const line = form.querySelector('[data-status]');
    if (!line) return;
    line.textContent = text;
    line.classList.toggle('error', failed);
  }

  /** The form's fields as the API's JSON: empty fields left out, `data-json` converting numbers and lists. */
  function fields(form) {
    const body = {};
    for (const element of form.elements) {
      if (!element.name || element.name.startsWith('_') || element.type === 'submit') continue;
      const text = element.value.trim();
      if (text === '') continue;
      switch (element.dataset.json) {
        case 'int': body[element.name] = Number.parseInt(text, 10); break;
        case 'cents': body[element.name] = Math.round(Number.parseFloat(text.replace(',', '.')) * 100); break;
        case 'upper': body[element.name] = text.toUpperCase(); break;
        default: body[element.name] = text;
      }
    }
    return body;
  }

  /** What a form does with the API's answer, by its `data-then`. */
  const after = {
    reload: () => window.location.reload(),
    book: (form, data) => { window.location.assign(`/app/books/${data.id}`); },
    books: () => window.location.assign('/app/books'),
    key: (form, data) => {
      const output = form.querySelector('[data-secret]');
      output.hidden = false;
      output.querySelector('code').textContent = data.token;
      say(form, `Key “${data.key.name}” created. Copy its secret now: it is not shown again.`);
    },
    counts: (form, data) => {
      const parts = Object.entries(data ?? {}).map(([name, value]) => `${name.replaceAll('_', ' ')}: ${value}`);
      say(form, `Done — ${parts.join(', ')}.`);
    },
    replayed: (form) => { say(form, 'Replayed.'); form.querySelector('button').disabled = true; },
  };

  /** Forms with `data-api="METHOD URL"` send their fields to the API instead of reloading the page. */
  for (const form of document.querySelectorAll('form[data-api]')) {
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) return;
      const [method, url] = form.dataset.api.split(' ');
      const button = form.querySelector('button[type=submit], button:not([type])');
      if (button) button.disabled = true;
      say(form, 'Working…');
      try {
        const data = await call(method, url, method === 'DELETE' || form.dataset.body === 'none' ? undefined : fields(form));
        (after[form.dataset.then] ?? after.reload)(form, data);
      } catch (error) {
        say(form, error.message, true);
      } finally {
        if (button && form.dataset.then !== 'replayed') button.disabled = false;
      }
    });
  }

  /** The photo list: drag a photo to a new place, or use its buttons; the first photo is the primary. */
  const photoList = document.querySelector('[data-order-url]');
  if (photoList) {
    const ids = () => [...photoList.querySelectorAll('[data-photo-id]')].map((item) => item.dataset.photoId);
    const sendOrder = async (order) => {
      const status = document.querySelector('[data-order-status]');
      status.textContent = 'Saving the new order…';
      try {
        await call('PUT', photoList.dataset.orderUrl, { photo_ids: order });
        window.location.reload();
      } catch (error) {
        status.textContent = error.message;
        status.classList.add('error');
      }
    };
    photoList.addEventListener('click', (event) => {
      const button = event.target.closest('button[data-move]');
      if (!button) return;
      const order = ids();
      const id = button.closest('[data-photo-id]').dataset.photoId;
      const index = order.indexOf(id);
      const target = { first: 0, up: index - 1, down: index + 1 }[button.dataset.move];
      if (target < 0 || target >= order.length || target === index) return;
      order.splice(index, 1);
      order.splice(target, 0, id);
      sendOrder(order);
    });
    let dragged = null;
    photoList.addEventListener('dragstart', (event) => {
      dragged = event.target.closest('[data-photo-id]');
      event.dataTransfer.effectAllowed = 'move';
      event.dataTransfer.setData('text/plain', dragged?.dataset.photoId ?? '');
    });
    photoList.addEventListener('dragover', (event) => {
      if (dragged) event.preventDefault();
    });
    photoList.addEventListener('drop', (event) => {
      const target = event.target.closest('[data-photo-id]');
      if (!dragged || !target || target === dragged) return;
      event.preventDefault();
      const order = ids().filter((id) => id !== dragged.dataset.photoId);
      order.splice(order.indexOf(target.dataset.photoId), 0, dragged.dataset.photoId);
      dragged = null;
      sendOrder(order);
    });
  }

  /** Uploads: every chosen or dropped file is sent on its own with its own progress bar; the page reloads after. */
  const upload = document.querySelector('form[data-upload]');
  if (upload) {
    const progress = upload.querySelector('[data-progress]');
    const sendFile = (file, query) => new Promise((resolve) => {
      const item = document.createElement('li');
      const label = document.createElement('span');
      const bar = document.createElement('progress');
      label.textContent = file.name;
      bar.max = 100;
      bar.value = 0;
      bar.setAttribute('aria-label', `Upload of ${file.name}`);
      item.append(label, ' ', bar);
      progress.append(item);
      const request = new XMLHttpRequest();
      request.open('POST', `${upload.dataset.upload}?${query}`);
      request.setRequestHeader('X-CSRF-Token', token);
      request.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
      request.upload.addEventListener('progress', (event) => {
        if (event.lengthComputable) bar.value = Math.round((event.loaded / event.total) * 100);
      });
      const finish = (text) => {
        const note = document.createElement('span');
        note.textContent = ` ${text}`;
        item.append(note);
      };
      request.addEventListener('load', () => {
        try {
          answer(request.status, request.statusText, request.responseText);
          bar.value = 100;
          finish('stored');
          resolve(true);
        } catch (error) {
          item.classList.add('error');
          finish(`refused: ${error.message}`);
          resolve(false);
        }
      });
      request.addEventListener('error', () => { finish('failed: the connection broke'); resolve(false); });
      request.send(file);
    });
    const send = async (files) => {
      if (files.length === 0) return;
      const type = upload.elements.image_type.value;
      const primary = upload.elements.is_primary.checked;
      say(upload, `Uploading ${files.length} photo(s)…`);
      const results = [];
      for (const [index, file] of [...files].entries()) {
        const query = new URLSearchParams();
        if (type) query.set('image_type', type);
        if (primary && index === 0) query.set('is_primary', 'true');
        results.push(await sendFile(file, query.toString()));
      }
      if (results.every(Boolean)) {
        upload.reset();
        window.location.reload();
      }
      else say(upload, 'Some photos were refused; the others are stored. Reload to see them.', true);
    };
    for (const input of upload.querySelectorAll('input[type=file]')) {
      input.addEventListener('change', () => send(input.files));
    }
    upload.addEventListener('submit', (event) => {
      event.preventDefault();
      send([...upload.querySelectorAll('input[type=file]')].flatMap((input) => [...input.files]));
    });
    const zone = upload.querySelector('[data-drop]');
    zone.addEventListener('dragover', (event) => { event.preventDefault(); zone.classList.add('over'); });
    zone.addEventListener('dragleave', () => zone.classList.remove('over'));
    zone.addEventListener('drop', (event) => {
      event.preventDefault();
      zone.classList.remove('over');
      send(event.dataTransfer.files);
    });
  }

  /** Before and after: the slider uncovers the result over the source photo. */
  for (const slider of document.querySelectorAll('input[data-compare]')) {
    const result = slider.closest('.compare').querySelector('.after');
    const show = () => { result.style.clipPath = `inset(0 0 0 ${slider.value}%)`; };
    slider.addEventListener('input', show);
    show();
  }

  /** Jobs in progress: the page asks for the book's jobs every two seconds and reloads once a job has moved on. */
  const watched = document.querySelector('[data-poll]');
  if (watched) {
    const active = new Set(['pending', 'processing']);
    const before = watched.dataset.statuses;
    const poll = async () => {
      try {
        const list = await call('GET', watched.dataset.poll);
        const statuses = list.items.map((job) => `${job.id}:${job.status}`).sort().join(',');
        if (statuses !== before) { window.location.reload(); return; }
        if (!list.items.some((job) => active.has(job.status))) return;
      } catch (error) {
        watched.textContent = `Could not check the jobs: ${error.message}`;
      }
      window.setTimeout(poll, 2000);
    };
    window.setTimeout(poll, 2000);
  }

  /** The import form: a listing as JSON to the API, then what happened to each photo. */
  const importer = document.querySelector('form[data-import]');
  if (importer) {
    importer.addEventListener('submit', async (event) => {
      event.preventDefault();
      const book = fields(importer);
      const urls = (book.photo_urls ?? '').split(/\s+/).filter(Boolean);
      delete book.photo_urls;
      delete book.image_type;
      const type = importer.elements.image_type.value;
      const photos = urls.map((url) => (type ? { url, image_type: type } : { url }));
      const results = importer.querySelector('[data-results]');
      results.replaceChildren();
      const report = (url, text, failed) => {
        const item = document.createElement('li');
        item.textContent = `${url} — ${text}`;
        if (failed) item.classList.add('error');
        results.append(item);
      };
      say(importer, 'Importing…');
      try {
        const data = await call('POST', importer.dataset.import, { book, photos });
        urls.forEach((url, index) => report(url, data.photos[index] ? 'stored' : 'not stored', !data.photos[index]));
        const link = document.createElement('a');
        link.href = `/app/books/${data.book.id}`;
        link.textContent = `Open “${data.book.title}”`;
        say(importer, 'Imported. ');
        importer.querySelector('[data-status]').append(link);
      } catch (error) {
        const named = /^photos\[(\d+)\]/.exec(error.message);
        if (named) {
          urls.forEach((url, index) => report(url, Number(named[1]) === index
            ? `refused: ${error.message.replace(named[0], '').replace(/^:\s*/, '')}`
            : 'not stored (the listing was refused)', true));
        }
        say(importer, `The listing was not imported: ${error.message}`, true);
      }
    });
  }
})();
