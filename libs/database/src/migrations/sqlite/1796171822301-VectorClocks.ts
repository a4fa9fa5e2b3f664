import { MigrationInterface, QueryRunner } from 'typeorm';

export class VectorClocks1796171822301 implements MigrationInterface {
  name = 'VectorClocks1796171822301';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_booking_show"`);
    await queryRunner.query(`DROP INDEX "ix_booking_email"`);
    await queryRunner.query(`DROP INDEX "uq_booking_hold"`);
    await queryRunner.query(`DROP INDEX "uq_booking_idempotency_key"`);
    await queryRunner.query(`DROP INDEX "uq_booking_code"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_booking" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "code" varchar(12) NOT NULL, "show_id" integer NOT NULL, "customer_name" varchar(100) NOT NULL, "customer_email" varchar(254) NOT NULL, "seat_count" integer NOT NULL, "total_cents" integer NOT NULL, "state" varchar(12) NOT NULL DEFAULT ('confirmed'), "lamport_ts" bigint NOT NULL, "node_id" integer NOT NULL, "idempotency_key" varchar(255), "request_hash" varchar(64), "hold_id" varchar(36), "created_at" datetime NOT NULL DEFAULT (datetime('now')), "cancelled_at" datetime, "cancel_lamport_ts" bigint, "cancel_node_id" integer, "vector_clock" text, "cancel_vector_clock" text, CONSTRAINT "fk_booking_show" FOREIGN KEY ("show_id") REFERENCES "show" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_booking"("id", "code", "show_id", "customer_name", "customer_email", "seat_count", "total_cents", "state", "lamport_ts", "node_id", "idempotency_key", "request_hash", "hold_id", "created_at", "cancelled_at", "cancel_lamport_ts", "cancel_node_id") SELECT "id", "code", "show_id", "customer_name", "customer_email", "seat_count", "total_cents", "state", "lamport_ts", "node_id", "idempotency_key", "request_hash", "hold_id", "created_at", "cancelled_at", "cancel_lamport_ts", "cancel_node_id" FROM "booking"`,
    );
    await queryRunner.query(`DROP TABLE "booking"`);
    await queryRunner.query(`ALTER TABLE "temporary_booking" RENAME TO "booking"`);
    await queryRunner.query(`CREATE INDEX "ix_booking_show" ON "booking" ("show_id") `);
    await queryRunner.query(`CREATE INDEX "ix_booking_email" ON "booking" ("customer_email") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_booking_hold" ON "booking" ("hold_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_booking_idempotency_key" ON "booking" ("idempotency_key") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_booking_code" ON "booking" ("code") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "uq_booking_code"`);
    await queryRunner.query(`DROP INDEX "uq_booking_idempotency_key"`);
    await queryRunner.query(`DROP INDEX "uq_booking_hold"`);
    await queryRunner.query(`DROP INDEX "ix_booking_email"`);
    await queryRunner.query(`DROP INDEX "ix_booking_show"`);
    await queryRunner.query(`ALTER TABLE "booking" RENAME TO "temporary_booking"`);
    await queryRunner.query(
      `CREATE TABLE "booking" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "code" varchar(12) NOT NULL, "show_id" integer NOT NULL, "customer_name" varchar(100) NOT NULL, "customer_email" varchar(254) NOT NULL, "seat_count" integer NOT NULL, "total_cents" integer NOT NULL, "state" varchar(12) NOT NULL DEFAULT ('confirmed'), "lamport_ts" bigint NOT NULL, "node_id" integer NOT NULL, "idempotency_key" varchar(255), "request_hash" varchar(64), "hold_id" varchar(36), "created_at" datetime NOT NULL DEFAULT (datetime('now')), "cancelled_at" datetime, "cancel_lamport_ts" bigint, "cancel_node_id" integer, CONSTRAINT "fk_booking_show" FOREIGN KEY ("show_id") REFERENCES "show" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "booking"("id", "code", "show_id", "customer_name", "customer_email", "seat_count", "total_cents", "state", "lamport_ts", "node_id", "idempotency_key", "request_hash", "hold_id", "created_at", "cancelled_at", "cancel_lamport_ts", "cancel_node_id") SELECT "id", "code", "show_id", "customer_name", "customer_email", "seat_count", "total_cents", "state", "lamport_ts", "node_id", "idempotency_key", "request_hash", "hold_id", "created_at", "cancelled_at", "cancel_lamport_ts", "cancel_node_id" FROM "temporary_booking"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_booking"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_booking_code" ON "booking" ("code") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_booking_idempotency_key" ON "booking" ("idempotency_key") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_booking_hold" ON "booking" ("hold_id") `);
    await queryRunner.query(`CREATE INDEX "ix_booking_email" ON "booking" ("customer_email") `);
    await queryRunner.query(`CREATE INDEX "ix_booking_show" ON "booking" ("show_id") `);
  }
}
