import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { ClusterEntity, ClusterNodeEntity } from '@knm/persistence';
import type { ClusterStatus } from '@knm/contracts';

/** Database access of the cluster registry (table `clusters`; node rows only to count and delete them). */
@Injectable()
export class ClusterRepository {
  constructor(
    @InjectRepository(ClusterEntity) private readonly clusters: Repository<ClusterEntity>,
    private readonly dataSource: DataSource,
  ) {}

  findAll(): Promise<ClusterEntity[]> {
    return this.clusters.find({ order: { name: 'ASC' } });
  }

  findOne(name: string): Promise<ClusterEntity | null> {
    return this.clusters.findOneBy({ name });
  }

  async names(): Promise<string[]> {
    return (await this.clusters.find({ select: { name: true }, order: { name: 'ASC' } })).map((c) => c.name);
  }

  /** Inserts a new row; resolves false when a cluster of that name already exists (primary key conflict). */
  async insert(entity: ClusterEntity): Promise<boolean> {
    try {
      await this.clusters.insert(entity);
      return true;
    } catch (err) {
      if (await this.findOne(entity.name)) return false;
      throw err;
    }
  }

  /** Deletes the cluster and its node rows in one transaction; resolves false when it did not exist. */
  async delete(name: string): Promise<boolean> {
    return this.dataSource.transaction(async (m) => {
      await m.delete(ClusterNodeEntity, { cluster: name });
      const res = await m.delete(ClusterEntity, { name });
      return (res.affected ?? 0) > 0;
    });
  }

  async updateStatus(name: string, status: ClusterStatus, message: string | null, at: Date, kubernetesVersion?: string): Promise<void> {
    const patch: Partial<ClusterEntity> = { status, statusMessage: message, updatedAt: at };
    if (kubernetesVersion) patch.kubernetesVersion = kubernetesVersion;
    await this.clusters.update({ name }, patch);
  }

  /** Live (non-deleted) node rows per cluster. */
  async nodeCounts(): Promise<Map<string, number>> {
    const rows = await this.dataSource
      .getRepository(ClusterNodeEntity)
      .createQueryBuilder('n')
      .select('n.cluster', 'cluster')
      .addSelect('COUNT(*)', 'count')
      .where('n.deleted = :deleted', { deleted: false })
      .groupBy('n.cluster')
      .getRawMany<{ cluster: string; count: string | number }>();
    return new Map(rows.map((r) => [r.cluster, Number(r.count)]));
  }
}
