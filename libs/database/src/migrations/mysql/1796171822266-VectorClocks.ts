import { MigrationInterface, QueryRunner } from 'typeorm';

export class VectorClocks1796171822266 implements MigrationInterface {
  name = 'VectorClocks1796171822266';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`booking\` ADD \`vector_clock\` text NULL`);
    await queryRunner.query(`ALTER TABLE \`booking\` ADD \`cancel_vector_clock\` text NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`booking\` DROP COLUMN \`cancel_vector_clock\``);
    await queryRunner.query(`ALTER TABLE \`booking\` DROP COLUMN \`vector_clock\``);
  }
}
