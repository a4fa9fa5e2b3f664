import { MigrationInterface, QueryRunner } from 'typeorm';

export class WaitingRoom1796189266507 implements MigrationInterface {
  name = 'WaitingRoom1796189266507';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`show_queue\` (\`show_id\` int NOT NULL, \`queue_mode\` varchar(8) NOT NULL DEFAULT 'off', \`on_sale_at\` bigint NULL, \`admission_rate_per_min\` int NOT NULL, \`pick_window_s\` int NOT NULL, PRIMARY KEY (\`show_id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `ALTER TABLE \`show_queue\` ADD CONSTRAINT \`fk_show_queue_show\` FOREIGN KEY (\`show_id\`) REFERENCES \`show\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`show_queue\` DROP FOREIGN KEY \`fk_show_queue_show\``);
    await queryRunner.query(`DROP TABLE \`show_queue\``);
  }
}
