import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Options for a metric created through {@link MetricsRegistry}. Names follow Prometheus conventions (`knm_<thing>_<unit>`). */
export interface MetricOptions<L extends string> {
  name: string;
  help: string;
  labelNames?: readonly L[];
}

/**
 * The process' Prometheus registry, served at `GET /metrics`. Holds the default process metrics
 * (prefixed `knm_`) plus whatever other libraries register. The `counter`/`gauge`/`histogram`
 * helpers are get-or-create by name, so a module that is instantiated twice (tests) does not throw
 * prom-client's "already registered" error. A registry of our own (not prom-client's global one)
 * keeps several Nest apps in one test process apart.
 */
@Injectable()
export class MetricsRegistry {
  readonly registry = new Registry();

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'knm_' });
  }

  counter<L extends string>(options: MetricOptions<L>): Counter<L> {
    return (this.registry.getSingleMetric(options.name) as Counter<L> | undefined) ?? new Counter<L>({ ...options, registers: [this.registry] });
  }

  gauge<L extends string>(options: MetricOptions<L> & { collect?: (this: Gauge<L>) => void | Promise<void> }): Gauge<L> {
    return (this.registry.getSingleMetric(options.name) as Gauge<L> | undefined) ?? new Gauge<L>({ ...options, registers: [this.registry] });
  }

  /** `buckets` in the metric's unit (seconds by convention). */
  histogram<L extends string>(options: MetricOptions<L> & { buckets?: number[] }): Histogram<L> {
    return (this.registry.getSingleMetric(options.name) as Histogram<L> | undefined) ?? new Histogram<L>({ ...options, registers: [this.registry] });
  }

  /** Exposition text and its content type (`text/plain; version=0.0.4`). */
  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
