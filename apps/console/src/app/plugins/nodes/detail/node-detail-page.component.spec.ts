import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { ApiRoutes, type NodeDetailResponse, type NodeSummary } from '@knm/contracts';
import { ApiClient } from '../../../core/api/api-client.service';
import { RealtimeService } from '../../../core/realtime/realtime.service';
import { provideConsoleTesting } from '../../../testing/console-testing';
import { FakeApi, FakeRealtime, flushPromises } from '../../../testing/fakes';
import { NodeDetailPageComponent } from './node-detail-page.component';

const summary = (labels: Record<string, string>): NodeSummary =>
  ({
    name: 'n1', uid: 'u', resourceVersion: '1', creationTimestamp: '2026-01-01T00:00:00Z', labels, annotations: {}, taints: [],
    unschedulable: false, readiness: 'Ready', conditions: [], roles: ['worker'],
    capacity: { cpu: '4', memory: '16384Mi', 'ephemeral-storage': '104857600Ki', pods: '110' },
    allocatable: { cpu: '3920m', memory: '15Gi', 'ephemeral-storage': '96636764160', pods: '110' },
    addresses: [], nodeInfo: { kubeletVersion: 'v1.31.0', osImage: 'x', containerRuntimeVersion: 'x', kernelVersion: 'x', architecture: 'amd64', operatingSystem: 'linux' },
  }) as NodeSummary;

const detail = (labels: Record<string, string>, seq: number): NodeDetailResponse => ({ ...summary(labels), pods: [], podsError: null, seq });

describe('node detail page', () => {
  let api: FakeApi;
  let realtime: FakeRealtime;
  let harness: RouterTestingHarness;

  beforeEach(async () => {
    api = new FakeApi().on(ApiRoutes.node('c1', 'n1'), detail({ env: 'prod' }, 10));
    realtime = new FakeRealtime();
    TestBed.configureTestingModule({
      providers: [
        ...provideConsoleTesting(),
        provideRouter([{ path: 'clusters/:cluster/nodes/:node', component: NodeDetailPageComponent }]),
        { provide: ApiClient, useValue: api },
        { provide: RealtimeService, useValue: realtime },
      ],
    });
    harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/clusters/c1/nodes/n1');
    realtime.ack('c1');
    await flushPromises();
    harness.detectChanges();
  });

  const labels = (): string[] =>
    [...harness.routeNativeElement!.querySelectorAll('[data-testid="node-detail-label"]')].map((e) => e.textContent?.trim() ?? '');
  const cell = (resource: string, column: string): HTMLElement =>
    harness.routeNativeElement!.querySelector(`[data-resource="${resource}"] [data-testid="resource-${column}"]`) as HTMLElement;

  it('shows a label added with kubectl as soon as node:changed arrives, without re-reading the node', () => {
    realtime.nodeChanged({ cluster: 'c1', seq: 11, type: 'modified', name: 'n1', node: summary({ env: 'prod', team: 'db' }) });
    harness.detectChanges();
    expect({ labels: labels(), gets: api.count('GET', ApiRoutes.node('c1', 'n1')) }).toEqual({ labels: ['env=prod', 'team=db'], gets: 1 });
  });

  it('ignores changes of other nodes and changes it already shows', () => {
    realtime.nodeChanged({ cluster: 'c1', seq: 11, type: 'modified', name: 'n2', node: { ...summary({ x: 'y' }), name: 'n2' } });
    realtime.nodeChanged({ cluster: 'c1', seq: 9, type: 'modified', name: 'n1', node: summary({ stale: 'yes' }) });
    harness.detectChanges();
    expect(labels()).toEqual(['env=prod']);
  });

  it('says so when the node is deleted', () => {
    realtime.nodeChanged({ cluster: 'c1', seq: 11, type: 'deleted', name: 'n1' });
    harness.detectChanges();
    expect(harness.routeNativeElement!.querySelector('[data-testid="node-detail-deleted"]')).not.toBeNull();
  });

  it('shows quantities in human units, the raw quantity on hover', () => {
    const storage = cell('ephemeral-storage', 'allocatable');
    expect({
      cpuCapacity: cell('cpu', 'capacity').textContent?.trim(),
      cpuAllocatable: cell('cpu', 'allocatable').textContent?.trim(),
      memory: cell('memory', 'capacity').textContent?.trim(),
      storageCapacity: cell('ephemeral-storage', 'capacity').textContent?.trim(),
      storage: storage.textContent?.trim(),
      storageRaw: storage.title,
      pods: cell('pods', 'allocatable').textContent?.trim(),
    }).toEqual({
      cpuCapacity: '4 cores',
      cpuAllocatable: '3.92 cores',
      memory: '16 GiB',
      storageCapacity: '100 GiB',
      storage: '90 GiB',
      storageRaw: '96636764160',
      pods: '110',
    });
  });
});
