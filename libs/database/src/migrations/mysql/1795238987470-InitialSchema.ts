import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1795238987470 implements MigrationInterface {
  name = 'InitialSchema1795238987470';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`movie\` (\`id\` int NOT NULL AUTO_INCREMENT, \`tmdb_id\` int NOT NULL, \`title\` varchar(300) NOT NULL, \`original_title\` varchar(300) NOT NULL, \`original_language\` varchar(12) NULL, \`overview\` text NULL, \`poster_path\` varchar(200) NULL, \`release_date\` varchar(10) NULL, \`runtime_min\` int NULL, \`genres\` text NOT NULL, \`popularity\` double NOT NULL DEFAULT '0', \`vote_average\` double NOT NULL DEFAULT '0', \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX \`uq_movie_tmdb_id\` (\`tmdb_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`theater\` (\`id\` int NOT NULL AUTO_INCREMENT, \`name\` varchar(120) NOT NULL, \`city\` varchar(120) NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`uq_theater_name\` (\`name\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`screen\` (\`id\` int NOT NULL AUTO_INCREMENT, \`theater_id\` int NOT NULL, \`name\` varchar(60) NOT NULL, \`layout\` text NOT NULL, \`seat_count\` int NOT NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`uq_screen_theater_name\` (\`theater_id\`, \`name\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`seat\` (\`id\` int NOT NULL AUTO_INCREMENT, \`screen_id\` int NOT NULL, \`row_label\` varchar(3) NOT NULL, \`row_index\` int NOT NULL, \`number\` int NOT NULL, \`col\` int NOT NULL, \`kind\` varchar(12) NOT NULL, UNIQUE INDEX \`uq_seat_screen_row_number\` (\`screen_id\`, \`row_label\`, \`number\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`show\` (\`id\` int NOT NULL AUTO_INCREMENT, \`movie_id\` int NOT NULL, \`screen_id\` int NOT NULL, \`starts_at\` datetime NOT NULL, \`ends_at\` datetime NOT NULL, \`price_cents\` int NOT NULL, \`premium_price_cents\` int NOT NULL, \`generated\` tinyint NOT NULL DEFAULT 0, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`ix_show_movie_starts\` (\`movie_id\`, \`starts_at\`), INDEX \`ix_show_screen_starts\` (\`screen_id\`, \`starts_at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`show_seat\` (\`id\` int NOT NULL AUTO_INCREMENT, \`show_id\` int NOT NULL, \`seat_id\` int NOT NULL, \`state\` varchar(10) NOT NULL DEFAULT 'available', \`hold_id\` varchar(36) NULL, \`booking_id\` int NULL, \`held_until\` bigint NULL, \`version\` int NOT NULL DEFAULT '0', INDEX \`ix_show_seat_booking\` (\`booking_id\`), INDEX \`ix_show_seat_hold\` (\`hold_id\`), UNIQUE INDEX \`uq_show_seat\` (\`show_id\`, \`seat_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`hold\` (\`id\` varchar(36) NOT NULL, \`show_id\` int NOT NULL, \`customer_name\` varchar(100) NOT NULL, \`customer_email\` varchar(254) NOT NULL, \`seat_count\` int NOT NULL, \`expires_at\` bigint NOT NULL, \`state\` varchar(12) NOT NULL DEFAULT 'active', \`booking_id\` int NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`ix_hold_show\` (\`show_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`booking\` (\`id\` int NOT NULL AUTO_INCREMENT, \`code\` varchar(12) NOT NULL, \`show_id\` int NOT NULL, \`customer_name\` varchar(100) NOT NULL, \`customer_email\` varchar(254) NOT NULL, \`seat_count\` int NOT NULL, \`total_cents\` int NOT NULL, \`state\` varchar(12) NOT NULL DEFAULT 'confirmed', \`lamport_ts\` bigint NOT NULL, \`node_id\` int NOT NULL, \`idempotency_key\` varchar(255) NULL, \`request_hash\` varchar(64) NULL, \`hold_id\` varchar(36) NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`cancelled_at\` datetime NULL, \`cancel_lamport_ts\` bigint NULL, \`cancel_node_id\` int NULL, UNIQUE INDEX \`uq_booking_code\` (\`code\`), UNIQUE INDEX \`uq_booking_idempotency_key\` (\`idempotency_key\`), UNIQUE INDEX \`uq_booking_hold\` (\`hold_id\`), INDEX \`ix_booking_email\` (\`customer_email\`), INDEX \`ix_booking_show\` (\`show_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`booking_seat\` (\`id\` int NOT NULL AUTO_INCREMENT, \`booking_id\` int NOT NULL, \`seat_id\` int NOT NULL, \`label\` varchar(8) NOT NULL, \`kind\` varchar(12) NOT NULL, \`price_cents\` int NOT NULL, INDEX \`ix_booking_seat_booking\` (\`booking_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `ALTER TABLE \`screen\` ADD CONSTRAINT \`fk_screen_theater\` FOREIGN KEY (\`theater_id\`) REFERENCES \`theater\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`seat\` ADD CONSTRAINT \`fk_seat_screen\` FOREIGN KEY (\`screen_id\`) REFERENCES \`screen\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`show\` ADD CONSTRAINT \`fk_show_movie\` FOREIGN KEY (\`movie_id\`) REFERENCES \`movie\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`show\` ADD CONSTRAINT \`fk_show_screen\` FOREIGN KEY (\`screen_id\`) REFERENCES \`screen\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`show_seat\` ADD CONSTRAINT \`fk_show_seat_show\` FOREIGN KEY (\`show_id\`) REFERENCES \`show\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`show_seat\` ADD CONSTRAINT \`fk_show_seat_seat\` FOREIGN KEY (\`seat_id\`) REFERENCES \`seat\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`hold\` ADD CONSTRAINT \`fk_hold_show\` FOREIGN KEY (\`show_id\`) REFERENCES \`show\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`booking\` ADD CONSTRAINT \`fk_booking_show\` FOREIGN KEY (\`show_id\`) REFERENCES \`show\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`booking_seat\` ADD CONSTRAINT \`fk_booking_seat_booking\` FOREIGN KEY (\`booking_id\`) REFERENCES \`booking\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`booking_seat\` DROP FOREIGN KEY \`fk_booking_seat_booking\``);
    await queryRunner.query(`ALTER TABLE \`booking\` DROP FOREIGN KEY \`fk_booking_show\``);
    await queryRunner.query(`ALTER TABLE \`hold\` DROP FOREIGN KEY \`fk_hold_show\``);
    await queryRunner.query(`ALTER TABLE \`show_seat\` DROP FOREIGN KEY \`fk_show_seat_seat\``);
    await queryRunner.query(`ALTER TABLE \`show_seat\` DROP FOREIGN KEY \`fk_show_seat_show\``);
    await queryRunner.query(`ALTER TABLE \`show\` DROP FOREIGN KEY \`fk_show_screen\``);
    await queryRunner.query(`ALTER TABLE \`show\` DROP FOREIGN KEY \`fk_show_movie\``);
    await queryRunner.query(`ALTER TABLE \`seat\` DROP FOREIGN KEY \`fk_seat_screen\``);
    await queryRunner.query(`ALTER TABLE \`screen\` DROP FOREIGN KEY \`fk_screen_theater\``);
    await queryRunner.query(`DROP INDEX \`ix_booking_seat_booking\` ON \`booking_seat\``);
    await queryRunner.query(`DROP TABLE \`booking_seat\``);
    await queryRunner.query(`DROP INDEX \`ix_booking_show\` ON \`booking\``);
    await queryRunner.query(`DROP INDEX \`ix_booking_email\` ON \`booking\``);
    await queryRunner.query(`DROP INDEX \`uq_booking_hold\` ON \`booking\``);
    await queryRunner.query(`DROP INDEX \`uq_booking_idempotency_key\` ON \`booking\``);
    await queryRunner.query(`DROP INDEX \`uq_booking_code\` ON \`booking\``);
    await queryRunner.query(`DROP TABLE \`booking\``);
    await queryRunner.query(`DROP INDEX \`ix_hold_show\` ON \`hold\``);
    await queryRunner.query(`DROP TABLE \`hold\``);
    await queryRunner.query(`DROP INDEX \`uq_show_seat\` ON \`show_seat\``);
    await queryRunner.query(`DROP INDEX \`ix_show_seat_hold\` ON \`show_seat\``);
    await queryRunner.query(`DROP INDEX \`ix_show_seat_booking\` ON \`show_seat\``);
    await queryRunner.query(`DROP TABLE \`show_seat\``);
    await queryRunner.query(`DROP INDEX \`ix_show_screen_starts\` ON \`show\``);
    await queryRunner.query(`DROP INDEX \`ix_show_movie_starts\` ON \`show\``);
    await queryRunner.query(`DROP TABLE \`show\``);
    await queryRunner.query(`DROP INDEX \`uq_seat_screen_row_number\` ON \`seat\``);
    await queryRunner.query(`DROP TABLE \`seat\``);
    await queryRunner.query(`DROP INDEX \`uq_screen_theater_name\` ON \`screen\``);
    await queryRunner.query(`DROP TABLE \`screen\``);
    await queryRunner.query(`DROP INDEX \`uq_theater_name\` ON \`theater\``);
    await queryRunner.query(`DROP TABLE \`theater\``);
    await queryRunner.query(`DROP INDEX \`uq_movie_tmdb_id\` ON \`movie\``);
    await queryRunner.query(`DROP TABLE \`movie\``);
  }
}
