import { DOCUMENT } from '@angular/common';
import { TestBed } from '@angular/core/testing';
import { provideConsoleTesting } from '../../testing/console-testing';
import { LanguageService } from './language.service';
import { LANGUAGE_STORAGE_KEY, pickLanguage } from './languages';

describe('pickLanguage', () => {
  it('takes the stored choice first, then the first browser language the console has, else English', () => {
    expect([
      pickLanguage('zh-CN', ['en-US']),
      pickLanguage(null, ['fr-FR', 'zh-CN', 'en']),
      pickLanguage(null, ['zh-Hans-CN']),
      pickLanguage(null, ['zh']),
      pickLanguage(null, ['en-GB', 'zh-CN']),
      pickLanguage('klingon', ['de-DE']),
    ]).toEqual(['zh-CN', 'zh-CN', 'zh-CN', 'zh-CN', 'en', 'en']);
  });

  it('does not show Simplified Chinese to readers of Traditional Chinese', () => {
    expect([pickLanguage(null, ['zh-TW']), pickLanguage(null, ['zh-Hant-HK', 'ja'])]).toEqual(['en', 'en']);
  });
});

describe('LanguageService', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: provideConsoleTesting() });
  });

  it('switches at run time, remembers the choice and sets <html lang>', () => {
    const language = TestBed.inject(LanguageService);
    const before = language.translate('nodes.page.title');
    language.use('zh-CN');
    expect({
      before,
      after: language.translate('nodes.page.title'),
      stored: localStorage.getItem(LANGUAGE_STORAGE_KEY),
      htmlLang: TestBed.inject(DOCUMENT).documentElement.lang,
    }).toEqual({ before: 'Nodes', after: '节点', stored: 'zh-CN', htmlLang: 'zh-CN' });
  });

  it('formats numbers in interpolations for the language', () => {
    expect(TestBed.inject(LanguageService).translate('common.nodes.other', { count: 5000 })).toBe('5,000 nodes');
  });
});
