import { Pipe, type PipeTransform } from '@angular/core';

/**
 * Age of a timestamp as kubectl prints it (k8s.io/apimachinery/pkg/util/duration HumanDuration,
 * simplified): `45s`, `12m`, `5h`, `3d`, `2y`. `now` is injectable for tests (ms since epoch).
 */
export function humanAge(timestamp: string, now: number = Date.now()): string {
  const then = Date.parse(timestamp);
  if (Number.isNaN(then)) return '—';
  const seconds = Math.max(0, Math.floor((now - then) / 1000));
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 120) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h`;
  const days = Math.floor(hours / 24);
  if (days < 365 * 2) return `${days}d`;
  return `${Math.floor(days / 365)}y`;
}

@Pipe({ name: 'age' })
export class AgePipe implements PipeTransform {
  transform(timestamp: string | null | undefined): string {
    return timestamp ? humanAge(timestamp) : '—';
  }
}
