import { MigrationInterface, QueryRunner } from 'typeorm';

// Generated, then reordered: InnoDB refuses to drop the only index that starts with a foreign
// key's column (fk_seat_screen on screen_id), so the new unique index is created first.
export class SeatLayoutVersions1796172168402 implements MigrationInterface {
  name = 'SeatLayoutVersions1796172168402';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`screen\` ADD \`layout_version\` int NOT NULL DEFAULT '1'`);
    await queryRunner.query(`ALTER TABLE \`seat\` ADD \`layout_version\` int NOT NULL DEFAULT '1'`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX \`uq_seat_screen_layout_row_number\` ON \`seat\` (\`screen_id\`, \`layout_version\`, \`row_label\`, \`number\`)`,
    );
    await queryRunner.query(`DROP INDEX \`uq_seat_screen_row_number\` ON \`seat\``);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE UNIQUE INDEX \`uq_seat_screen_row_number\` ON \`seat\` (\`screen_id\`, \`row_label\`, \`number\`)`,
    );
    await queryRunner.query(`DROP INDEX \`uq_seat_screen_layout_row_number\` ON \`seat\``);
    await queryRunner.query(`ALTER TABLE \`seat\` DROP COLUMN \`layout_version\``);
    await queryRunner.query(`ALTER TABLE \`screen\` DROP COLUMN \`layout_version\``);
  }
}
