import { describe, expect, it } from 'vitest';
import { localeFor, systemLanguage } from './languages';

describe('the desk’s language from the system', () => {
  it('takes the first system language the desk speaks', () => {
    expect(systemLanguage(['de-AT', 'en-US'])).toBe('de');
    expect(systemLanguage(['ja-JP', 'fr-CA', 'en'])).toBe('fr');
    expect(systemLanguage(['es_MX'])).toBe('es');
  });

  it('falls back to English for a system in none of them', () => {
    expect(systemLanguage(['ja-JP'])).toBe('en');
    expect(systemLanguage([])).toBe('en');
  });
});

describe('the locale of times and money', () => {
  it('keeps the system’s region when it speaks the chosen language', () => {
    expect(localeFor('de', ['de-AT', 'en-US'])).toBe('de-AT');
    expect(localeFor('en', ['de-AT', 'en-GB'])).toBe('en-GB');
  });

  it('is the language alone when the system speaks another one, or its tag is not one Intl reads', () => {
    expect(localeFor('fr', ['de-AT'])).toBe('fr');
    expect(localeFor('en', ['C'])).toBe('en');
  });
});
