import { Injectable } from '@nestjs/common';
import { ClusterConnectionRequest, ClusterResponse, ClusterStatus, ClusterTestResponse, CreateClusterRequest, ErrorCode } from '@knm/contracts';
import { Clock, DomainError } from '@knm/common';
import type { ClusterEntity } from '@knm/persistence';
import { ClusterClientProvider, ClusterClients } from './cluster-clients';
import { CONNECTION_TEST_TIMEOUT_MS, ClusterConnector, Deadline } from './cluster-connector';
import { ClusterEvents } from './cluster-events';
import { ClusterRepository } from './cluster.repository';
import type { ResolvedKubeconfig } from './kubeconfig';
import { KubeconfigCipher } from './kubeconfig-cipher';
import { KubeconfigFiles } from './kubeconfig-files';
import { KUBECONFIG_PARSE_TIMEOUT_MS, KubeconfigParser } from './kubeconfig-parser';

/** Identity recorded as `created_by` until authentication exists. */
const SYSTEM_ACTOR = 'system';

/** 404 CLUSTER_NOT_FOUND. */
export class ClusterNotFoundError extends DomainError {
  constructor(cluster: string) {
    super(ErrorCode.ClusterNotFound, `cluster "${cluster}" is not registered`, { cluster });
  }
}

function toResponse(c: ClusterEntity, nodeCount: number): ClusterResponse {
  return {
    name: c.name,
    server: c.server,
    context: c.context,
    status: c.status as ClusterStatus,
    statusMessage: c.statusMessage,
    nodeCount,
    kubernetesVersion: c.kubernetesVersion,
    createdAt: new Date(c.createdAt).toISOString(),
  };
}

/**
 * The cluster registry: registration (validate kubeconfig -> connection test -> save encrypted),
 * listing, deletion, and one client set per cluster for the informer and batch
 * ({@link ClusterClientProvider}). Emits {@link ClusterEvents} so watches start and stop.
 */
@Injectable()
export class ClusterService extends ClusterClientProvider {
  private readonly clients = new Map<string, ClusterClients>();

  constructor(
    private readonly repository: ClusterRepository,
    private readonly cipher: KubeconfigCipher,
    private readonly connector: ClusterConnector,
    private readonly events: ClusterEvents,
    private readonly clock: Clock,
    private readonly parser: KubeconfigParser,
    private readonly files: KubeconfigFiles,
  ) {
    super();
  }

  /**
   * Registers a cluster. Nothing is saved unless the kubeconfig is valid and the connection test
   * passes, all within {@link CONNECTION_TEST_TIMEOUT_MS}.
   * @throws InvalidKubeconfigError (400), DomainError CLUSTER_EXISTS (409), ClusterUnreachableError,
   *   ClusterAddressRefusedError, ExecCredentialError (422).
   */
  async register(dto: CreateClusterRequest): Promise<ClusterResponse> {
    const deadline = new Deadline(CONNECTION_TEST_TIMEOUT_MS, this.clock);
    const resolved = await this.resolve(dto, deadline);
    if (await this.repository.findOne(dto.name)) throw this.exists(dto.name);
    const clients = this.connector.createClients(dto.name, resolved);
    const probe = await this.connector.probe(clients, deadline, resolved.serverField).catch(async (err: unknown) => {
      await clients.close?.();
      throw err;
    });
    const now = new Date(this.clock.now());
    const entity: ClusterEntity = {
      name: dto.name,
      server: resolved.server,
      context: resolved.context,
      kubeconfigEnc: this.cipher.encrypt(resolved.text),
      status: 'connecting',
      statusMessage: null,
      kubernetesVersion: probe.kubernetesVersion,
      createdBy: SYSTEM_ACTOR,
      createdAt: now,
      updatedAt: now,
    };
    if (!(await this.repository.insert(entity))) {
      await clients.close?.();
      throw this.exists(dto.name);
    }
    this.clients.set(dto.name, clients);
    await this.events.emit('cluster:registered', { cluster: dto.name });
    return toResponse(entity, 0);
  }

  /**
   * Connection test without saving, within {@link CONNECTION_TEST_TIMEOUT_MS}.
   * @throws InvalidKubeconfigError (400), ClusterUnreachableError, ClusterAddressRefusedError, ExecCredentialError (422).
   */
  async test(dto: ClusterConnectionRequest): Promise<ClusterTestResponse> {
    const deadline = new Deadline(CONNECTION_TEST_TIMEOUT_MS, this.clock);
    const resolved = await this.resolve(dto, deadline);
    const clients = this.connector.createClients('connection-test', resolved);
    try {
      const probe = await this.connector.probe(clients, deadline, resolved.serverField);
      return { server: resolved.server, context: resolved.context, ...probe };
    } finally {
      await clients.close?.();
    }
  }

  async list(): Promise<ClusterResponse[]> {
    const [clusters, counts] = await Promise.all([this.repository.findAll(), this.repository.nodeCounts()]);
    return clusters.map((c) => toResponse(c, counts.get(c.name) ?? 0));
  }

  /** @throws ClusterNotFoundError (404). */
  async get(name: string): Promise<ClusterResponse> {
    const [cluster, counts] = await Promise.all([this.repository.findOne(name), this.repository.nodeCounts()]);
    if (!cluster) throw new ClusterNotFoundError(name);
    return toResponse(cluster, counts.get(name) ?? 0);
  }

  /** @throws ClusterNotFoundError (404). */
  async assertExists(name: string): Promise<void> {
    if (!(await this.repository.findOne(name))) throw new ClusterNotFoundError(name);
  }

  /** Stops the cluster's watch, deletes it and its node rows, then lets caches drop it. @throws ClusterNotFoundError (404). */
  async remove(name: string): Promise<void> {
    await this.assertExists(name);
    await this.events.emit('cluster:removing', { cluster: name });
    const deleted = await this.repository.delete(name);
    await this.clients.get(name)?.close?.();
    this.clients.delete(name);
    await this.events.emit('cluster:removed', { cluster: name });
    if (!deleted) throw new ClusterNotFoundError(name);
  }

  /** Records the watch status (written by the informer that leads the cluster); ignored for an unknown cluster. */
  async recordStatus(name: string, status: ClusterStatus, message: string | null, kubernetesVersion?: string): Promise<void> {
    await this.repository.updateStatus(name, status, message, new Date(this.clock.now()), kubernetesVersion);
  }

  /** @throws ClusterNotFoundError (404). */
  override async clientsFor(cluster: string): Promise<ClusterClients> {
    const cached = this.clients.get(cluster);
    if (cached) return cached;
    const entity = await this.repository.findOne(cluster);
    if (!entity) throw new ClusterNotFoundError(cluster);
    const clients = this.connector.clientsFromStored(cluster, this.cipher.decrypt(entity.kubeconfigEnc));
    this.clients.set(cluster, clients);
    return clients;
  }

  override clusterNames(): Promise<string[]> {
    return this.repository.names();
  }

  /** Reads (kubeconfigPath: allowed directories only) and resolves the kubeconfig off the event loop, within the deadline. */
  private async resolve(dto: ClusterConnectionRequest, deadline: Deadline): Promise<ResolvedKubeconfig> {
    const source = dto.kubeconfig !== undefined ? 'kubeconfig' : 'kubeconfigPath';
    const text = dto.kubeconfig ?? (await this.files.read(dto.kubeconfigPath!));
    const timeoutMs = Math.min(KUBECONFIG_PARSE_TIMEOUT_MS, deadline.remainingMs());
    return this.parser.resolve(text, this.connector.resolveOptions(source, dto.context), timeoutMs);
  }

  private exists(name: string): DomainError {
    return new DomainError(ErrorCode.ClusterExists, `cluster "${name}" is already registered`, { cluster: name });
  }
}
