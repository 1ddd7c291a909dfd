import { formatAge, formatDateTime, formatTimeAgo } from './intl-format';

const now = Date.parse('2026-11-21T12:00:00Z');

describe('Intl formats', () => {
  it('prints ages like kubectl in English and with Chinese units in Chinese', () => {
    const ages = ['2026-11-21T11:59:15Z', '2026-11-21T11:48:00Z', '2026-11-19T13:00:00Z', '2024-01-01T00:00:00Z'];
    expect([ages.map((a) => formatAge(a, 'en', now)), ages.map((a) => formatAge(a, 'zh-CN', now))]).toEqual([
      ['45s', '12m', '47h', '2y'],
      ['45秒', '12分钟', '47小时', '2年'],
    ]);
  });

  it('says how long ago, per language', () => {
    expect([formatTimeAgo('2026-11-21T11:55:00Z', 'en', now), formatTimeAgo('2026-11-21T11:55:00Z', 'zh-CN', now)]).toEqual([
      '5 min. ago',
      '5分钟前',
    ]);
  });

  it('prints a dash for a missing or unparsable time', () => {
    expect([formatAge(null, 'en'), formatDateTime('yesterday', 'en'), formatTimeAgo(undefined, 'zh-CN')]).toEqual(['—', '—', '—']);
  });
});
