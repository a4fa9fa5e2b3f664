import { MigrationInterface, QueryRunner } from 'typeorm';

// ADD COLUMN instead of the generator's table rebuild: nullable columns without constraints need
// none, and another branch adds columns to booking_seat at the same time (a rebuild would drop them).
export class TicketAdmission1796188654972 implements MigrationInterface {
  name = 'TicketAdmission1796188654972';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "booking_seat" ADD COLUMN "admitted_at" datetime(3)`);
    await queryRunner.query(`ALTER TABLE "booking_seat" ADD COLUMN "admitted_door" varchar(64)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "booking_seat" DROP COLUMN "admitted_door"`);
    await queryRunner.query(`ALTER TABLE "booking_seat" DROP COLUMN "admitted_at"`);
  }
}
