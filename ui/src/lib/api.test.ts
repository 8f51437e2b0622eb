import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// A small stand-in for the browser: location, history, sessionStorage and fetch.
function fakeWindow(hash: string) {
  const store = new Map<string, string>();
  const location = { hash, pathname: '/', search: '' };
  const win = {
    location,
    history: {
      state: null,
      replaceState: vi.fn((_s: unknown, _t: string, url: string) => {
        location.hash = url.includes('#') ? url.slice(url.indexOf('#')) : '';
      }),
    },
    sessionStorage: {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
    },
  };
  vi.stubGlobal('window', win);
  return win;
}

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

describe('bridge transport', () => {
  beforeEach(() => {
    vi.resetModules();
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('takes the token from the address, hides it and sends it', async () => {
    const win = fakeWindow('#token=s3cr%C3%A9t');
    const fetchMock = vi.fn(async () => jsonResponse(200, { ok: true }));
    vi.stubGlobal('fetch', fetchMock);
    const { call, captureToken } = await import('./api');

    captureToken();
    expect(win.location.hash).toBe('');
    expect(win.history.replaceState).toHaveBeenCalledOnce();

    await expect(call('session.get')).resolves.toEqual({ ok: true });
    expect(fetchMock).toHaveBeenCalledWith(
      '/api/call/session.get',
      expect.objectContaining({
        method: 'POST',
        body: '{}',
        headers: expect.objectContaining({ Authorization: 'Bearer s3crét' }),
      }),
    );
  });

  it('leaves a route fragment alone', async () => {
    const win = fakeWindow('#/ansokningar');
    const { captureToken } = await import('./api');
    captureToken();
    expect(win.location.hash).toBe('#/ansokningar');
    expect(win.history.replaceState).not.toHaveBeenCalled();
  });

  it('sends the arguments as the JSON body', async () => {
    fakeWindow('');
    const fetchMock = vi.fn(async () => jsonResponse(200, []));
    vi.stubGlobal('fetch', fetchMock);
    const { call } = await import('./api');
    await call('application.list', { portfolio: 2, text: null });
    expect(fetchMock).toHaveBeenCalledWith(
      '/api/call/application.list',
      expect.objectContaining({ body: '{"portfolio":2,"text":null}' }),
    );
  });

  it('throws the ApiErrorDto of a non-2xx answer', async () => {
    fakeWindow('');
    const error = {
      code: 'validation',
      message: 'Ansökan är inte komplett.',
      fields: [{ field: 'title', message: 'Ange en titel.' }],
    };
    vi.stubGlobal('fetch', vi.fn(async () => jsonResponse(400, error)));
    const { call } = await import('./api');
    await expect(call('application.create', {})).rejects.toEqual(error);
  });

  it('fills in a missing fields array', async () => {
    fakeWindow('');
    vi.stubGlobal('fetch', vi.fn(async () => jsonResponse(403, { code: 'forbidden', message: 'Nej.' })));
    const { call } = await import('./api');
    await expect(call('persona.list')).rejects.toEqual({ code: 'forbidden', message: 'Nej.', fields: [] });
  });

  it('turns a network failure into a transport error in Swedish', async () => {
    fakeWindow('');
    vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('Failed to fetch'); }));
    const { call } = await import('./api');
    const { sv } = await import('./i18n');
    await expect(call('session.get')).rejects.toEqual({
      code: 'transport',
      message: sv['error.transport'],
      fields: [],
    });
  });

  it('turns an unreadable error body into a transport error', async () => {
    fakeWindow('');
    vi.stubGlobal('fetch', vi.fn(async () => new Response('<html>Bad gateway</html>', { status: 502 })));
    const { call } = await import('./api');
    await expect(call('session.get')).rejects.toMatchObject({ code: 'transport' });
  });
});

describe('Tauri transport', () => {
  beforeEach(() => {
    vi.resetModules();
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.doUnmock('@tauri-apps/api/core');
  });

  it('invokes the one `call` command and passes its errors on', async () => {
    const invoke = vi.fn(async (_cmd: string, payload: { command: string }) => {
      if (payload.command === 'application.get') {
        throw { code: 'not_found', message: 'Ansökan finns inte.', fields: [] };
      }
      return { name: 'Program' };
    });
    vi.doMock('@tauri-apps/api/core', () => ({ invoke }));
    vi.stubGlobal('window', { __TAURI_INTERNALS__: {} });
    const { call } = await import('./api');

    await expect(call('programme.get')).resolves.toEqual({ name: 'Program' });
    expect(invoke).toHaveBeenCalledWith('call', { command: 'programme.get', args: {} });

    await expect(call('application.get', { id: 'x' })).rejects.toEqual({
      code: 'not_found',
      message: 'Ansökan finns inte.',
      fields: [],
    });
    expect(invoke).toHaveBeenLastCalledWith('call', { command: 'application.get', args: { id: 'x' } });
  });
});
