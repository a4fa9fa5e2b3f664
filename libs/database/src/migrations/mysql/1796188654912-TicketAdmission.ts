import { MigrationInterface, QueryRunner } from 'typeorm';

export class TicketAdmission1796188654912 implements MigrationInterface {
  name = 'TicketAdmission1796188654912';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`booking_seat\` ADD \`admitted_at\` datetime(3) NULL`);
    await queryRunner.query(`ALTER TABLE \`booking_seat\` ADD \`admitted_door\` varchar(64) NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`booking_seat\` DROP COLUMN \`admitted_door\``);
    await queryRunner.query(`ALTER TABLE \`booking_seat\` DROP COLUMN \`admitted_at\``);
  }
}
