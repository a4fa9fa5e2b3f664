import { MigrationInterface, QueryRunner } from 'typeorm';

export class ShowtimesImport1796158361629 implements MigrationInterface {
  name = 'ShowtimesImport1796158361629';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`theater\` ADD \`source_id\` varchar(40) NULL`);
    await queryRunner.query(`ALTER TABLE \`theater\` ADD \`address\` varchar(300) NULL`);
    await queryRunner.query(`ALTER TABLE \`theater\` ADD \`time_zone\` varchar(64) NULL`);
    await queryRunner.query(`ALTER TABLE \`theater\` ADD \`vanished_at\` datetime NULL`);
    await queryRunner.query(`ALTER TABLE \`theater\` ADD \`price_cents\` int NULL`);
    await queryRunner.query(`ALTER TABLE \`theater\` ADD \`premium_price_cents\` int NULL`);
    await queryRunner.query(`ALTER TABLE \`screen\` ADD \`vanished_at\` datetime NULL`);
    await queryRunner.query(`ALTER TABLE \`show\` ADD \`source_id\` varchar(40) NULL`);
    await queryRunner.query(`ALTER TABLE \`show\` ADD \`language\` varchar(12) NULL`);
    await queryRunner.query(`ALTER TABLE \`show\` ADD \`subtitle_language\` varchar(12) NULL`);
    await queryRunner.query(`ALTER TABLE \`show\` ADD \`attributes\` text NULL`);
    await queryRunner.query(`ALTER TABLE \`show\` ADD \`booking_link\` varchar(500) NULL`);
    await queryRunner.query(`ALTER TABLE \`show\` ADD \`cancelled_upstream_at\` datetime NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX \`uq_theater_source_id\` ON \`theater\` (\`source_id\`)`);
    await queryRunner.query(`CREATE UNIQUE INDEX \`uq_show_source_id\` ON \`show\` (\`source_id\`)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`uq_show_source_id\` ON \`show\``);
    await queryRunner.query(`DROP INDEX \`uq_theater_source_id\` ON \`theater\``);
    await queryRunner.query(`ALTER TABLE \`show\` DROP COLUMN \`cancelled_upstream_at\``);
    await queryRunner.query(`ALTER TABLE \`show\` DROP COLUMN \`booking_link\``);
    await queryRunner.query(`ALTER TABLE \`show\` DROP COLUMN \`attributes\``);
    await queryRunner.query(`ALTER TABLE \`show\` DROP COLUMN \`subtitle_language\``);
    await queryRunner.query(`ALTER TABLE \`show\` DROP COLUMN \`language\``);
    await queryRunner.query(`ALTER TABLE \`show\` DROP COLUMN \`source_id\``);
    await queryRunner.query(`ALTER TABLE \`screen\` DROP COLUMN \`vanished_at\``);
    await queryRunner.query(`ALTER TABLE \`theater\` DROP COLUMN \`premium_price_cents\``);
    await queryRunner.query(`ALTER TABLE \`theater\` DROP COLUMN \`price_cents\``);
    await queryRunner.query(`ALTER TABLE \`theater\` DROP COLUMN \`vanished_at\``);
    await queryRunner.query(`ALTER TABLE \`theater\` DROP COLUMN \`time_zone\``);
    await queryRunner.query(`ALTER TABLE \`theater\` DROP COLUMN \`address\``);
    await queryRunner.query(`ALTER TABLE \`theater\` DROP COLUMN \`source_id\``);
  }
}
