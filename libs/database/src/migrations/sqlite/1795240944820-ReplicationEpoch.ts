import { MigrationInterface, QueryRunner } from 'typeorm';

export class ReplicationEpoch1795240944820 implements MigrationInterface {
  name = 'ReplicationEpoch1795240944820';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "cluster_meta" ("id" integer PRIMARY KEY NOT NULL, "epoch" bigint NOT NULL DEFAULT (0), "primary_host" varchar(255), "primary_port" integer, "changed_at" bigint, "heartbeat_at" bigint)`,
    );
    await queryRunner.query(
      `CREATE TABLE "database_failover" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "epoch" bigint NOT NULL, "previous_primary" varchar(300), "new_primary" varchar(300) NOT NULL, "gtid" varchar(500) NOT NULL, "reason" varchar(300) NOT NULL, "leader_node_id" integer, "started_at" bigint NOT NULL, "finished_at" bigint NOT NULL, "details" text NOT NULL)`,
    );
    await queryRunner.query(`CREATE INDEX "ix_database_failover_epoch" ON "database_failover" ("epoch") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_database_failover_epoch"`);
    await queryRunner.query(`DROP TABLE "database_failover"`);
    await queryRunner.query(`DROP TABLE "cluster_meta"`);
  }
}
