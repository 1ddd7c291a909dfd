import { DOCUMENT } from '@angular/common';
import { TestBed } from '@angular/core/testing';
import { THEME_STORAGE_KEY, ThemeService } from './theme.service';

/** jsdom has no matchMedia: a fake at that boundary, whose system preference the test flips. */
function fakeMatchMedia(dark: boolean) {
  const listeners: ((e: { matches: boolean }) => void)[] = [];
  const query = { matches: dark, addEventListener: (_: string, l: (e: { matches: boolean }) => void) => listeners.push(l), removeEventListener: () => undefined };
  Object.defineProperty(window, 'matchMedia', { configurable: true, value: () => query });
  return (matches: boolean) => {
    query.matches = matches;
    listeners.forEach((l) => l({ matches }));
  };
}

describe('ThemeService', () => {
  let root: HTMLElement;

  beforeEach(() => {
    localStorage.clear();
    root = TestBed.inject(DOCUMENT).documentElement;
    root.removeAttribute('data-theme');
  });

  it('follows the system preference by default, also when it changes', () => {
    const setSystem = fakeMatchMedia(false);
    const theme = TestBed.inject(ThemeService);
    theme.init();
    const before = theme.dark();
    setSystem(true);
    expect({ mode: theme.mode(), before, after: theme.dark(), attr: root.getAttribute('data-theme') }).toEqual({
      mode: 'system', before: false, after: true, attr: null,
    });
  });

  it('forces dark through data-theme and remembers the choice for the next visit', () => {
    fakeMatchMedia(false);
    TestBed.inject(ThemeService).use('dark');
    TestBed.resetTestingModule();
    root.removeAttribute('data-theme');
    const next = TestBed.inject(ThemeService);
    next.init();
    expect({ stored: localStorage.getItem(THEME_STORAGE_KEY), attr: root.getAttribute('data-theme'), dark: next.dark() }).toEqual({
      stored: 'dark', attr: 'dark', dark: true,
    });
  });

  it('ignores a stored value it does not know', () => {
    fakeMatchMedia(false);
    localStorage.setItem(THEME_STORAGE_KEY, 'sepia');
    const theme = TestBed.inject(ThemeService);
    theme.init();
    expect(theme.mode()).toBe('system');
  });
});
