import { afterEach, describe, expect, it, vi } from 'vitest';

/** The module afresh, on a machine whose system languages and stored choice are given. */
async function deskOn(system: string[], stored: string | null) {
  const store = new Map<string, string>(stored ? [['lanyard.language', stored]] : []);
  vi.stubGlobal('navigator', { language: system[0] ?? '', languages: system });
  vi.stubGlobal('localStorage', {
    getItem: (k: string) => store.get(k) ?? null,
    setItem: (k: string, v: string) => void store.set(k, v),
    removeItem: (k: string) => void store.delete(k),
  });
  vi.resetModules();
  const { deskLanguage, t } = await import('./desk.svelte');
  return { deskLanguage, t, store };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the desk’s language', () => {
  it('follows the system until the desk chooses, with the system’s regional formats', async () => {
    const { deskLanguage, t } = await deskOn(['de-AT', 'en'], null);
    expect(deskLanguage.choice).toBeNull();
    expect(deskLanguage.tr.lang).toBe('de');
    expect(deskLanguage.tr.locale).toBe('de-AT');
    expect(t('shell.endShift')).toBe('Schicht beenden');
  });

  it('keeps the desk’s choice for the next start, and can follow the system again', async () => {
    const { deskLanguage, store } = await deskOn(['de-AT'], 'fr');
    expect(deskLanguage.tr.lang).toBe('fr');
    expect(deskLanguage.tr.locale).toBe('fr');
    deskLanguage.choose('es');
    expect(store.get('lanyard.language')).toBe('es');
    expect(deskLanguage.tr.t('shell.endShift')).toBe('Terminar turno');
    deskLanguage.choose(null);
    expect(store.has('lanyard.language')).toBe(false);
    expect(deskLanguage.tr.lang).toBe('de');
  });

  it('ignores a stored value that is no language of the desk', async () => {
    const { deskLanguage } = await deskOn(['ja-JP'], 'klingon');
    expect(deskLanguage.choice).toBeNull();
    expect(deskLanguage.tr.lang).toBe('en');
  });
});
