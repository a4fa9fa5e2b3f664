import { MigrationInterface, QueryRunner } from 'typeorm';

export class ReplicationEpoch1795240939176 implements MigrationInterface {
  name = 'ReplicationEpoch1795240939176';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`cluster_meta\` (\`id\` int NOT NULL, \`epoch\` bigint NOT NULL DEFAULT '0', \`primary_host\` varchar(255) NULL, \`primary_port\` int NULL, \`changed_at\` bigint NULL, \`heartbeat_at\` bigint NULL, PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`database_failover\` (\`id\` int NOT NULL AUTO_INCREMENT, \`epoch\` bigint NOT NULL, \`previous_primary\` varchar(300) NULL, \`new_primary\` varchar(300) NOT NULL, \`gtid\` varchar(500) NOT NULL, \`reason\` varchar(300) NOT NULL, \`leader_node_id\` int NULL, \`started_at\` bigint NOT NULL, \`finished_at\` bigint NOT NULL, \`details\` text NOT NULL, INDEX \`ix_database_failover_epoch\` (\`epoch\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`ix_database_failover_epoch\` ON \`database_failover\``);
    await queryRunner.query(`DROP TABLE \`database_failover\``);
    await queryRunner.query(`DROP TABLE \`cluster_meta\``);
  }
}
