import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { MoreThan, Repository } from 'typeorm';
import { ClusterNodeEntity } from '@knm/persistence';

/** Reads of the `cluster_nodes` summary rows (written by the informer that leads the cluster). */
@Injectable()
export class SmartCacheRepository {
  constructor(@InjectRepository(ClusterNodeEntity) private readonly rows: Repository<ClusterNodeEntity>) {}

  /** Every row of a cluster, tombstones included. */
  allRows(cluster: string): Promise<ClusterNodeEntity[]> {
    return this.rows.find({ where: { cluster } });
  }

  /** Rows changed after `seq`, in seq order (a node changed twice appears once, with its latest seq). */
  rowsAfter(cluster: string, seq: number): Promise<ClusterNodeEntity[]> {
    return this.rows.find({ where: { cluster, seq: MoreThan(seq) }, order: { seq: 'ASC' } });
  }
}
