import { MigrationInterface, QueryRunner } from 'typeorm';

export class TicketTypes1796188734489 implements MigrationInterface {
  name = 'TicketTypes1796188734489';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "ticket_type" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "theater_id" integer NOT NULL, "name" varchar(40) NOT NULL, "price_cents" integer, "position" integer NOT NULL DEFAULT (0), "active" boolean NOT NULL DEFAULT (1))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_ticket_type_theater_name" ON "ticket_type" ("theater_id", "name") `,
    );
    await queryRunner.query(
      `CREATE TABLE "seat_kind_surcharge" ("theater_id" integer NOT NULL, "kind" varchar(12) NOT NULL, "surcharge_cents" integer NOT NULL, PRIMARY KEY ("theater_id", "kind"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "theater_pricing" ("theater_id" integer PRIMARY KEY NOT NULL, "currency_code" varchar(3) NOT NULL)`,
    );
    await queryRunner.query(`DROP INDEX "ix_hold_email_expires"`);
    await queryRunner.query(`DROP INDEX "ix_hold_client_expires"`);
    await queryRunner.query(`DROP INDEX "ix_hold_show"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_hold" ("id" varchar(36) PRIMARY KEY NOT NULL, "show_id" integer NOT NULL, "customer_name" varchar(100) NOT NULL, "customer_email" varchar(254) NOT NULL, "seat_count" integer NOT NULL, "expires_at" bigint NOT NULL, "state" varchar(12) NOT NULL DEFAULT ('active'), "booking_id" integer, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "client_address" varchar(64), "ticket_types" text, CONSTRAINT "fk_hold_show" FOREIGN KEY ("show_id") REFERENCES "show" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_hold"("id", "show_id", "customer_name", "customer_email", "seat_count", "expires_at", "state", "booking_id", "created_at", "client_address") SELECT "id", "show_id", "customer_name", "customer_email", "seat_count", "expires_at", "state", "booking_id", "created_at", "client_address" FROM "hold"`,
    );
    await queryRunner.query(`DROP TABLE "hold"`);
    await queryRunner.query(`ALTER TABLE "temporary_hold" RENAME TO "hold"`);
    await queryRunner.query(`CREATE INDEX "ix_hold_email_expires" ON "hold" ("customer_email", "expires_at") `);
    await queryRunner.query(`CREATE INDEX "ix_hold_client_expires" ON "hold" ("client_address", "expires_at") `);
    await queryRunner.query(`CREATE INDEX "ix_hold_show" ON "hold" ("show_id") `);
    await queryRunner.query(`DROP INDEX "uq_booking_code"`);
    await queryRunner.query(`DROP INDEX "uq_booking_idempotency_key"`);
    await queryRunner.query(`DROP INDEX "uq_booking_hold"`);
    await queryRunner.query(`DROP INDEX "ix_booking_email"`);
    await queryRunner.query(`DROP INDEX "ix_booking_show"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_booking" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "code" varchar(12) NOT NULL, "show_id" integer NOT NULL, "customer_name" varchar(100) NOT NULL, "customer_email" varchar(254) NOT NULL, "seat_count" integer NOT NULL, "total_cents" integer NOT NULL, "state" varchar(12) NOT NULL DEFAULT ('confirmed'), "lamport_ts" bigint NOT NULL, "node_id" integer NOT NULL, "idempotency_key" varchar(255), "request_hash" varchar(64), "hold_id" varchar(36), "created_at" datetime NOT NULL DEFAULT (datetime('now')), "cancelled_at" datetime, "cancel_lamport_ts" bigint, "cancel_node_id" integer, "vector_clock" text, "cancel_vector_clock" text, "currency_code" varchar(3), CONSTRAINT "fk_booking_show" FOREIGN KEY ("show_id") REFERENCES "show" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_booking"("id", "code", "show_id", "customer_name", "customer_email", "seat_count", "total_cents", "state", "lamport_ts", "node_id", "idempotency_key", "request_hash", "hold_id", "created_at", "cancelled_at", "cancel_lamport_ts", "cancel_node_id", "vector_clock", "cancel_vector_clock") SELECT "id", "code", "show_id", "customer_name", "customer_email", "seat_count", "total_cents", "state", "lamport_ts", "node_id", "idempotency_key", "request_hash", "hold_id", "created_at", "cancelled_at", "cancel_lamport_ts", "cancel_node_id", "vector_clock", "cancel_vector_clock" FROM "booking"`,
    );
    await queryRunner.query(`DROP TABLE "booking"`);
    await queryRunner.query(`ALTER TABLE "temporary_booking" RENAME TO "booking"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_booking_code" ON "booking" ("code") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_booking_idempotency_key" ON "booking" ("idempotency_key") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_booking_hold" ON "booking" ("hold_id") `);
    await queryRunner.query(`CREATE INDEX "ix_booking_email" ON "booking" ("customer_email") `);
    await queryRunner.query(`CREATE INDEX "ix_booking_show" ON "booking" ("show_id") `);
    // ADD COLUMN, not the generator's table rebuild: a rebuild copies only the columns it knew and
    // would drop booking_seat's admission columns (TicketAdmission, an earlier migration).
    await queryRunner.query(`ALTER TABLE "booking_seat" ADD COLUMN "ticket_type_id" integer`);
    await queryRunner.query(`ALTER TABLE "booking_seat" ADD COLUMN "ticket_type_name" varchar(40)`);
    await queryRunner.query(`ALTER TABLE "booking_seat" ADD COLUMN "surcharge_cents" integer NOT NULL DEFAULT (0)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "booking_seat" DROP COLUMN "surcharge_cents"`);
    await queryRunner.query(`ALTER TABLE "booking_seat" DROP COLUMN "ticket_type_name"`);
    await queryRunner.query(`ALTER TABLE "booking_seat" DROP COLUMN "ticket_type_id"`);
    await queryRunner.query(`DROP INDEX "ix_booking_show"`);
    await queryRunner.query(`DROP INDEX "ix_booking_email"`);
    await queryRunner.query(`DROP INDEX "uq_booking_hold"`);
    await queryRunner.query(`DROP INDEX "uq_booking_idempotency_key"`);
    await queryRunner.query(`DROP INDEX "uq_booking_code"`);
    await queryRunner.query(`ALTER TABLE "booking" RENAME TO "temporary_booking"`);
    await queryRunner.query(
      `CREATE TABLE "booking" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "code" varchar(12) NOT NULL, "show_id" integer NOT NULL, "customer_name" varchar(100) NOT NULL, "customer_email" varchar(254) NOT NULL, "seat_count" integer NOT NULL, "total_cents" integer NOT NULL, "state" varchar(12) NOT NULL DEFAULT ('confirmed'), "lamport_ts" bigint NOT NULL, "node_id" integer NOT NULL, "idempotency_key" varchar(255), "request_hash" varchar(64), "hold_id" varchar(36), "created_at" datetime NOT NULL DEFAULT (datetime('now')), "cancelled_at" datetime, "cancel_lamport_ts" bigint, "cancel_node_id" integer, "vector_clock" text, "cancel_vector_clock" text, CONSTRAINT "fk_booking_show" FOREIGN KEY ("show_id") REFERENCES "show" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "booking"("id", "code", "show_id", "customer_name", "customer_email", "seat_count", "total_cents", "state", "lamport_ts", "node_id", "idempotency_key", "request_hash", "hold_id", "created_at", "cancelled_at", "cancel_lamport_ts", "cancel_node_id", "vector_clock", "cancel_vector_clock") SELECT "id", "code", "show_id", "customer_name", "customer_email", "seat_count", "total_cents", "state", "lamport_ts", "node_id", "idempotency_key", "request_hash", "hold_id", "created_at", "cancelled_at", "cancel_lamport_ts", "cancel_node_id", "vector_clock", "cancel_vector_clock" FROM "temporary_booking"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_booking"`);
    await queryRunner.query(`CREATE INDEX "ix_booking_show" ON "booking" ("show_id") `);
    await queryRunner.query(`CREATE INDEX "ix_booking_email" ON "booking" ("customer_email") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_booking_hold" ON "booking" ("hold_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_booking_idempotency_key" ON "booking" ("idempotency_key") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_booking_code" ON "booking" ("code") `);
    await queryRunner.query(`DROP INDEX "ix_hold_show"`);
    await queryRunner.query(`DROP INDEX "ix_hold_client_expires"`);
    await queryRunner.query(`DROP INDEX "ix_hold_email_expires"`);
    await queryRunner.query(`ALTER TABLE "hold" RENAME TO "temporary_hold"`);
    await queryRunner.query(
      `CREATE TABLE "hold" ("id" varchar(36) PRIMARY KEY NOT NULL, "show_id" integer NOT NULL, "customer_name" varchar(100) NOT NULL, "customer_email" varchar(254) NOT NULL, "seat_count" integer NOT NULL, "expires_at" bigint NOT NULL, "state" varchar(12) NOT NULL DEFAULT ('active'), "booking_id" integer, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "client_address" varchar(64), CONSTRAINT "fk_hold_show" FOREIGN KEY ("show_id") REFERENCES "show" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "hold"("id", "show_id", "customer_name", "customer_email", "seat_count", "expires_at", "state", "booking_id", "created_at", "client_address") SELECT "id", "show_id", "customer_name", "customer_email", "seat_count", "expires_at", "state", "booking_id", "created_at", "client_address" FROM "temporary_hold"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_hold"`);
    await queryRunner.query(`CREATE INDEX "ix_hold_show" ON "hold" ("show_id") `);
    await queryRunner.query(`CREATE INDEX "ix_hold_client_expires" ON "hold" ("client_address", "expires_at") `);
    await queryRunner.query(`CREATE INDEX "ix_hold_email_expires" ON "hold" ("customer_email", "expires_at") `);
    await queryRunner.query(`DROP TABLE "theater_pricing"`);
    await queryRunner.query(`DROP TABLE "seat_kind_surcharge"`);
    await queryRunner.query(`DROP INDEX "uq_ticket_type_theater_name"`);
    await queryRunner.query(`DROP TABLE "ticket_type"`);
  }
}
