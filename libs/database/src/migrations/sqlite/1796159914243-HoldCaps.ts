import { MigrationInterface, QueryRunner } from 'typeorm';

export class HoldCaps1796159914243 implements MigrationInterface {
  name = 'HoldCaps1796159914243';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_hold_show"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_hold" ("id" varchar(36) PRIMARY KEY NOT NULL, "show_id" integer NOT NULL, "customer_name" varchar(100) NOT NULL, "customer_email" varchar(254) NOT NULL, "seat_count" integer NOT NULL, "expires_at" bigint NOT NULL, "state" varchar(12) NOT NULL DEFAULT ('active'), "booking_id" integer, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "client_address" varchar(64), CONSTRAINT "fk_hold_show" FOREIGN KEY ("show_id") REFERENCES "show" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_hold"("id", "show_id", "customer_name", "customer_email", "seat_count", "expires_at", "state", "booking_id", "created_at") SELECT "id", "show_id", "customer_name", "customer_email", "seat_count", "expires_at", "state", "booking_id", "created_at" FROM "hold"`,
    );
    await queryRunner.query(`DROP TABLE "hold"`);
    await queryRunner.query(`ALTER TABLE "temporary_hold" RENAME TO "hold"`);
    await queryRunner.query(`CREATE INDEX "ix_hold_show" ON "hold" ("show_id") `);
    await queryRunner.query(`CREATE INDEX "ix_hold_client_expires" ON "hold" ("client_address", "expires_at") `);
    await queryRunner.query(`CREATE INDEX "ix_hold_email_expires" ON "hold" ("customer_email", "expires_at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_hold_email_expires"`);
    await queryRunner.query(`DROP INDEX "ix_hold_client_expires"`);
    await queryRunner.query(`DROP INDEX "ix_hold_show"`);
    await queryRunner.query(`ALTER TABLE "hold" RENAME TO "temporary_hold"`);
    await queryRunner.query(
      `CREATE TABLE "hold" ("id" varchar(36) PRIMARY KEY NOT NULL, "show_id" integer NOT NULL, "customer_name" varchar(100) NOT NULL, "customer_email" varchar(254) NOT NULL, "seat_count" integer NOT NULL, "expires_at" bigint NOT NULL, "state" varchar(12) NOT NULL DEFAULT ('active'), "booking_id" integer, "created_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "fk_hold_show" FOREIGN KEY ("show_id") REFERENCES "show" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "hold"("id", "show_id", "customer_name", "customer_email", "seat_count", "expires_at", "state", "booking_id", "created_at") SELECT "id", "show_id", "customer_name", "customer_email", "seat_count", "expires_at", "state", "booking_id", "created_at" FROM "temporary_hold"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_hold"`);
    await queryRunner.query(`CREATE INDEX "ix_hold_show" ON "hold" ("show_id") `);
  }
}
