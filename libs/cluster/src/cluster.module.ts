import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClusterEntity, ClusterNodeEntity } from '@knm/persistence';
import { ClusterClientProvider } from './cluster-clients';
import { ClusterConnector } from './cluster-connector';
import { ClusterController } from './cluster.controller';
import { ClusterEvents } from './cluster-events';
import { ClusterRepository } from './cluster.repository';
import { ClusterService } from './cluster.service';
import { KubeconfigCipher } from './kubeconfig-cipher';
import { KubeconfigFiles } from './kubeconfig-files';
import { KubeconfigParser, WorkerKubeconfigParser } from './kubeconfig-parser';

/** Registered clusters, their encrypted kubeconfigs and API clients (ClusterClientProvider). */
@Module({
  imports: [TypeOrmModule.forFeature([ClusterEntity, ClusterNodeEntity])],
  controllers: [ClusterController],
  providers: [
    ClusterService,
    ClusterRepository,
    ClusterConnector,
    ClusterEvents,
    KubeconfigCipher,
    KubeconfigFiles,
    { provide: KubeconfigParser, useClass: WorkerKubeconfigParser },
    { provide: ClusterClientProvider, useExisting: ClusterService },
  ],
  exports: [ClusterService, ClusterClientProvider, ClusterEvents, ClusterConnector],
})
export class ClusterModule {}
