import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1795238989476 implements MigrationInterface {
  name = 'InitialSchema1795238989476';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "movie" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "tmdb_id" integer NOT NULL, "title" varchar(300) NOT NULL, "original_title" varchar(300) NOT NULL, "original_language" varchar(12), "overview" text, "poster_path" varchar(200), "release_date" varchar(10), "runtime_min" integer, "genres" text NOT NULL, "popularity" double NOT NULL DEFAULT (0), "vote_average" double NOT NULL DEFAULT (0), "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_movie_tmdb_id" ON "movie" ("tmdb_id") `);
    await queryRunner.query(
      `CREATE TABLE "theater" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(120) NOT NULL, "city" varchar(120), "created_at" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_theater_name" ON "theater" ("name") `);
    await queryRunner.query(
      `CREATE TABLE "screen" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "theater_id" integer NOT NULL, "name" varchar(60) NOT NULL, "layout" text NOT NULL, "seat_count" integer NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_screen_theater_name" ON "screen" ("theater_id", "name") `);
    await queryRunner.query(
      `CREATE TABLE "seat" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "screen_id" integer NOT NULL, "row_label" varchar(3) NOT NULL, "row_index" integer NOT NULL, "number" integer NOT NULL, "col" integer NOT NULL, "kind" varchar(12) NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_seat_screen_row_number" ON "seat" ("screen_id", "row_label", "number") `,
    );
    await queryRunner.query(
      `CREATE TABLE "show" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "movie_id" integer NOT NULL, "screen_id" integer NOT NULL, "starts_at" datetime NOT NULL, "ends_at" datetime NOT NULL, "price_cents" integer NOT NULL, "premium_price_cents" integer NOT NULL, "generated" boolean NOT NULL DEFAULT (0), "created_at" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_show_movie_starts" ON "show" ("movie_id", "starts_at") `);
    await queryRunner.query(`CREATE INDEX "ix_show_screen_starts" ON "show" ("screen_id", "starts_at") `);
    await queryRunner.query(
      `CREATE TABLE "show_seat" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "show_id" integer NOT NULL, "seat_id" integer NOT NULL, "state" varchar(10) NOT NULL DEFAULT ('available'), "hold_id" varchar(36), "booking_id" integer, "held_until" bigint, "version" integer NOT NULL DEFAULT (0))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_show_seat_booking" ON "show_seat" ("booking_id") `);
    await queryRunner.query(`CREATE INDEX "ix_show_seat_hold" ON "show_seat" ("hold_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_show_seat" ON "show_seat" ("show_id", "seat_id") `);
    await queryRunner.query(
      `CREATE TABLE "hold" ("id" varchar(36) PRIMARY KEY NOT NULL, "show_id" integer NOT NULL, "customer_name" varchar(100) NOT NULL, "customer_email" varchar(254) NOT NULL, "seat_count" integer NOT NULL, "expires_at" bigint NOT NULL, "state" varchar(12) NOT NULL DEFAULT ('active'), "booking_id" integer, "created_at" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_hold_show" ON "hold" ("show_id") `);
    await queryRunner.query(
      `CREATE TABLE "booking" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "code" varchar(12) NOT NULL, "show_id" integer NOT NULL, "customer_name" varchar(100) NOT NULL, "customer_email" varchar(254) NOT NULL, "seat_count" integer NOT NULL, "total_cents" integer NOT NULL, "state" varchar(12) NOT NULL DEFAULT ('confirmed'), "lamport_ts" bigint NOT NULL, "node_id" integer NOT NULL, "idempotency_key" varchar(255), "request_hash" varchar(64), "hold_id" varchar(36), "created_at" datetime NOT NULL DEFAULT (datetime('now')), "cancelled_at" datetime, "cancel_lamport_ts" bigint, "cancel_node_id" integer)`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_booking_code" ON "booking" ("code") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_booking_idempotency_key" ON "booking" ("idempotency_key") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_booking_hold" ON "booking" ("hold_id") `);
    await queryRunner.query(`CREATE INDEX "ix_booking_email" ON "booking" ("customer_email") `);
    await queryRunner.query(`CREATE INDEX "ix_booking_show" ON "booking" ("show_id") `);
    await queryRunner.query(
      `CREATE TABLE "booking_seat" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "booking_id" integer NOT NULL, "seat_id" integer NOT NULL, "label" varchar(8) NOT NULL, "kind" varchar(12) NOT NULL, "price_cents" integer NOT NULL)`,
    );
    await queryRunner.query(`CREATE INDEX "ix_booking_seat_booking" ON "booking_seat" ("booking_id") `);
    await queryRunner.query(`DROP INDEX "uq_screen_theater_name"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_screen" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "theater_id" integer NOT NULL, "name" varchar(60) NOT NULL, "layout" text NOT NULL, "seat_count" integer NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "fk_screen_theater" FOREIGN KEY ("theater_id") REFERENCES "theater" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_screen"("id", "theater_id", "name", "layout", "seat_count", "created_at") SELECT "id", "theater_id", "name", "layout", "seat_count", "created_at" FROM "screen"`,
    );
    await queryRunner.query(`DROP TABLE "screen"`);
    await queryRunner.query(`ALTER TABLE "temporary_screen" RENAME TO "screen"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_screen_theater_name" ON "screen" ("theater_id", "name") `);
    await queryRunner.query(`DROP INDEX "uq_seat_screen_row_number"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_seat" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "screen_id" integer NOT NULL, "row_label" varchar(3) NOT NULL, "row_index" integer NOT NULL, "number" integer NOT NULL, "col" integer NOT NULL, "kind" varchar(12) NOT NULL, CONSTRAINT "fk_seat_screen" FOREIGN KEY ("screen_id") REFERENCES "screen" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_seat"("id", "screen_id", "row_label", "row_index", "number", "col", "kind") SELECT "id", "screen_id", "row_label", "row_index", "number", "col", "kind" FROM "seat"`,
    );
    await queryRunner.query(`DROP TABLE "seat"`);
    await queryRunner.query(`ALTER TABLE "temporary_seat" RENAME TO "seat"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_seat_screen_row_number" ON "seat" ("screen_id", "row_label", "number") `,
    );
    await queryRunner.query(`DROP INDEX "ix_show_movie_starts"`);
    await queryRunner.query(`DROP INDEX "ix_show_screen_starts"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_show" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "movie_id" integer NOT NULL, "screen_id" integer NOT NULL, "starts_at" datetime NOT NULL, "ends_at" datetime NOT NULL, "price_cents" integer NOT NULL, "premium_price_cents" integer NOT NULL, "generated" boolean NOT NULL DEFAULT (0), "created_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "fk_show_movie" FOREIGN KEY ("movie_id") REFERENCES "movie" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "fk_show_screen" FOREIGN KEY ("screen_id") REFERENCES "screen" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_show"("id", "movie_id", "screen_id", "starts_at", "ends_at", "price_cents", "premium_price_cents", "generated", "created_at") SELECT "id", "movie_id", "screen_id", "starts_at", "ends_at", "price_cents", "premium_price_cents", "generated", "created_at" FROM "show"`,
    );
    await queryRunner.query(`DROP TABLE "show"`);
    await queryRunner.query(`ALTER TABLE "temporary_show" RENAME TO "show"`);
    await queryRunner.query(`CREATE INDEX "ix_show_movie_starts" ON "show" ("movie_id", "starts_at") `);
    await queryRunner.query(`CREATE INDEX "ix_show_screen_starts" ON "show" ("screen_id", "starts_at") `);
    await queryRunner.query(`DROP INDEX "ix_show_seat_booking"`);
    await queryRunner.query(`DROP INDEX "ix_show_seat_hold"`);
    await queryRunner.query(`DROP INDEX "uq_show_seat"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_show_seat" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "show_id" integer NOT NULL, "seat_id" integer NOT NULL, "state" varchar(10) NOT NULL DEFAULT ('available'), "hold_id" varchar(36), "booking_id" integer, "held_until" bigint, "version" integer NOT NULL DEFAULT (0), CONSTRAINT "fk_show_seat_show" FOREIGN KEY ("show_id") REFERENCES "show" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "fk_show_seat_seat" FOREIGN KEY ("seat_id") REFERENCES "seat" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_show_seat"("id", "show_id", "seat_id", "state", "hold_id", "booking_id", "held_until", "version") SELECT "id", "show_id", "seat_id", "state", "hold_id", "booking_id", "held_until", "version" FROM "show_seat"`,
    );
    await queryRunner.query(`DROP TABLE "show_seat"`);
    await queryRunner.query(`ALTER TABLE "temporary_show_seat" RENAME TO "show_seat"`);
    await queryRunner.query(`CREATE INDEX "ix_show_seat_booking" ON "show_seat" ("booking_id") `);
    await queryRunner.query(`CREATE INDEX "ix_show_seat_hold" ON "show_seat" ("hold_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_show_seat" ON "show_seat" ("show_id", "seat_id") `);
    await queryRunner.query(`DROP INDEX "ix_hold_show"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_hold" ("id" varchar(36) PRIMARY KEY NOT NULL, "show_id" integer NOT NULL, "customer_name" varchar(100) NOT NULL, "customer_email" varchar(254) NOT NULL, "seat_count" integer NOT NULL, "expires_at" bigint NOT NULL, "state" varchar(12) NOT NULL DEFAULT ('active'), "booking_id" integer, "created_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "fk_hold_show" FOREIGN KEY ("show_id") REFERENCES "show" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_hold"("id", "show_id", "customer_name", "customer_email", "seat_count", "expires_at", "state", "booking_id", "created_at") SELECT "id", "show_id", "customer_name", "customer_email", "seat_count", "expires_at", "state", "booking_id", "created_at" FROM "hold"`,
    );
    await queryRunner.query(`DROP TABLE "hold"`);
    await queryRunner.query(`ALTER TABLE "temporary_hold" RENAME TO "hold"`);
    await queryRunner.query(`CREATE INDEX "ix_hold_show" ON "hold" ("show_id") `);
    await queryRunner.query(`DROP INDEX "uq_booking_code"`);
    await queryRunner.query(`DROP INDEX "uq_booking_idempotency_key"`);
    await queryRunner.query(`DROP INDEX "uq_booking_hold"`);
    await queryRunner.query(`DROP INDEX "ix_booking_email"`);
    await queryRunner.query(`DROP INDEX "ix_booking_show"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_booking" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "code" varchar(12) NOT NULL, "show_id" integer NOT NULL, "customer_name" varchar(100) NOT NULL, "customer_email" varchar(254) NOT NULL, "seat_count" integer NOT NULL, "total_cents" integer NOT NULL, "state" varchar(12) NOT NULL DEFAULT ('confirmed'), "lamport_ts" bigint NOT NULL, "node_id" integer NOT NULL, "idempotency_key" varchar(255), "request_hash" varchar(64), "hold_id" varchar(36), "created_at" datetime NOT NULL DEFAULT (datetime('now')), "cancelled_at" datetime, "cancel_lamport_ts" bigint, "cancel_node_id" integer, CONSTRAINT "fk_booking_show" FOREIGN KEY ("show_id") REFERENCES "show" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_booking"("id", "code", "show_id", "customer_name", "customer_email", "seat_count", "total_cents", "state", "lamport_ts", "node_id", "idempotency_key", "request_hash", "hold_id", "created_at", "cancelled_at", "cancel_lamport_ts", "cancel_node_id") SELECT "id", "code", "show_id", "customer_name", "customer_email", "seat_count", "total_cents", "state", "lamport_ts", "node_id", "idempotency_key", "request_hash", "hold_id", "created_at", "cancelled_at", "cancel_lamport_ts", "cancel_node_id" FROM "booking"`,
    );
    await queryRunner.query(`DROP TABLE "booking"`);
    await queryRunner.query(`ALTER TABLE "temporary_booking" RENAME TO "booking"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_booking_code" ON "booking" ("code") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_booking_idempotency_key" ON "booking" ("idempotency_key") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_booking_hold" ON "booking" ("hold_id") `);
    await queryRunner.query(`CREATE INDEX "ix_booking_email" ON "booking" ("customer_email") `);
    await queryRunner.query(`CREATE INDEX "ix_booking_show" ON "booking" ("show_id") `);
    await queryRunner.query(`DROP INDEX "ix_booking_seat_booking"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_booking_seat" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "booking_id" integer NOT NULL, "seat_id" integer NOT NULL, "label" varchar(8) NOT NULL, "kind" varchar(12) NOT NULL, "price_cents" integer NOT NULL, CONSTRAINT "fk_booking_seat_booking" FOREIGN KEY ("booking_id") REFERENCES "booking" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_booking_seat"("id", "booking_id", "seat_id", "label", "kind", "price_cents") SELECT "id", "booking_id", "seat_id", "label", "kind", "price_cents" FROM "booking_seat"`,
    );
    await queryRunner.query(`DROP TABLE "booking_seat"`);
    await queryRunner.query(`ALTER TABLE "temporary_booking_seat" RENAME TO "booking_seat"`);
    await queryRunner.query(`CREATE INDEX "ix_booking_seat_booking" ON "booking_seat" ("booking_id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_booking_seat_booking"`);
    await queryRunner.query(`ALTER TABLE "booking_seat" RENAME TO "temporary_booking_seat"`);
    await queryRunner.query(
      `CREATE TABLE "booking_seat" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "booking_id" integer NOT NULL, "seat_id" integer NOT NULL, "label" varchar(8) NOT NULL, "kind" varchar(12) NOT NULL, "price_cents" integer NOT NULL)`,
    );
    await queryRunner.query(
      `INSERT INTO "booking_seat"("id", "booking_id", "seat_id", "label", "kind", "price_cents") SELECT "id", "booking_id", "seat_id", "label", "kind", "price_cents" FROM "temporary_booking_seat"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_booking_seat"`);
    await queryRunner.query(`CREATE INDEX "ix_booking_seat_booking" ON "booking_seat" ("booking_id") `);
    await queryRunner.query(`DROP INDEX "ix_booking_show"`);
    await queryRunner.query(`DROP INDEX "ix_booking_email"`);
    await queryRunner.query(`DROP INDEX "uq_booking_hold"`);
    await queryRunner.query(`DROP INDEX "uq_booking_idempotency_key"`);
    await queryRunner.query(`DROP INDEX "uq_booking_code"`);
    await queryRunner.query(`ALTER TABLE "booking" RENAME TO "temporary_booking"`);
    await queryRunner.query(
      `CREATE TABLE "booking" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "code" varchar(12) NOT NULL, "show_id" integer NOT NULL, "customer_name" varchar(100) NOT NULL, "customer_email" varchar(254) NOT NULL, "seat_count" integer NOT NULL, "total_cents" integer NOT NULL, "state" varchar(12) NOT NULL DEFAULT ('confirmed'), "lamport_ts" bigint NOT NULL, "node_id" integer NOT NULL, "idempotency_key" varchar(255), "request_hash" varchar(64), "hold_id" varchar(36), "created_at" datetime NOT NULL DEFAULT (datetime('now')), "cancelled_at" datetime, "cancel_lamport_ts" bigint, "cancel_node_id" integer)`,
    );
    await queryRunner.query(
      `INSERT INTO "booking"("id", "code", "show_id", "customer_name", "customer_email", "seat_count", "total_cents", "state", "lamport_ts", "node_id", "idempotency_key", "request_hash", "hold_id", "created_at", "cancelled_at", "cancel_lamport_ts", "cancel_node_id") SELECT "id", "code", "show_id", "customer_name", "customer_email", "seat_count", "total_cents", "state", "lamport_ts", "node_id", "idempotency_key", "request_hash", "hold_id", "created_at", "cancelled_at", "cancel_lamport_ts", "cancel_node_id" FROM "temporary_booking"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_booking"`);
    await queryRunner.query(`CREATE INDEX "ix_booking_show" ON "booking" ("show_id") `);
    await queryRunner.query(`CREATE INDEX "ix_booking_email" ON "booking" ("customer_email") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_booking_hold" ON "booking" ("hold_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_booking_idempotency_key" ON "booking" ("idempotency_key") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_booking_code" ON "booking" ("code") `);
    await queryRunner.query(`DROP INDEX "ix_hold_show"`);
    await queryRunner.query(`ALTER TABLE "hold" RENAME TO "temporary_hold"`);
    await queryRunner.query(
      `CREATE TABLE "hold" ("id" varchar(36) PRIMARY KEY NOT NULL, "show_id" integer NOT NULL, "customer_name" varchar(100) NOT NULL, "customer_email" varchar(254) NOT NULL, "seat_count" integer NOT NULL, "expires_at" bigint NOT NULL, "state" varchar(12) NOT NULL DEFAULT ('active'), "booking_id" integer, "created_at" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "hold"("id", "show_id", "customer_name", "customer_email", "seat_count", "expires_at", "state", "booking_id", "created_at") SELECT "id", "show_id", "customer_name", "customer_email", "seat_count", "expires_at", "state", "booking_id", "created_at" FROM "temporary_hold"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_hold"`);
    await queryRunner.query(`CREATE INDEX "ix_hold_show" ON "hold" ("show_id") `);
    await queryRunner.query(`DROP INDEX "uq_show_seat"`);
    await queryRunner.query(`DROP INDEX "ix_show_seat_hold"`);
    await queryRunner.query(`DROP INDEX "ix_show_seat_booking"`);
    await queryRunner.query(`ALTER TABLE "show_seat" RENAME TO "temporary_show_seat"`);
    await queryRunner.query(
      `CREATE TABLE "show_seat" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "show_id" integer NOT NULL, "seat_id" integer NOT NULL, "state" varchar(10) NOT NULL DEFAULT ('available'), "hold_id" varchar(36), "booking_id" integer, "held_until" bigint, "version" integer NOT NULL DEFAULT (0))`,
    );
    await queryRunner.query(
      `INSERT INTO "show_seat"("id", "show_id", "seat_id", "state", "hold_id", "booking_id", "held_until", "version") SELECT "id", "show_id", "seat_id", "state", "hold_id", "booking_id", "held_until", "version" FROM "temporary_show_seat"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_show_seat"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_show_seat" ON "show_seat" ("show_id", "seat_id") `);
    await queryRunner.query(`CREATE INDEX "ix_show_seat_hold" ON "show_seat" ("hold_id") `);
    await queryRunner.query(`CREATE INDEX "ix_show_seat_booking" ON "show_seat" ("booking_id") `);
    await queryRunner.query(`DROP INDEX "ix_show_screen_starts"`);
    await queryRunner.query(`DROP INDEX "ix_show_movie_starts"`);
    await queryRunner.query(`ALTER TABLE "show" RENAME TO "temporary_show"`);
    await queryRunner.query(
      `CREATE TABLE "show" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "movie_id" integer NOT NULL, "screen_id" integer NOT NULL, "starts_at" datetime NOT NULL, "ends_at" datetime NOT NULL, "price_cents" integer NOT NULL, "premium_price_cents" integer NOT NULL, "generated" boolean NOT NULL DEFAULT (0), "created_at" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "show"("id", "movie_id", "screen_id", "starts_at", "ends_at", "price_cents", "premium_price_cents", "generated", "created_at") SELECT "id", "movie_id", "screen_id", "starts_at", "ends_at", "price_cents", "premium_price_cents", "generated", "created_at" FROM "temporary_show"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_show"`);
    await queryRunner.query(`CREATE INDEX "ix_show_screen_starts" ON "show" ("screen_id", "starts_at") `);
    await queryRunner.query(`CREATE INDEX "ix_show_movie_starts" ON "show" ("movie_id", "starts_at") `);
    await queryRunner.query(`DROP INDEX "uq_seat_screen_row_number"`);
    await queryRunner.query(`ALTER TABLE "seat" RENAME TO "temporary_seat"`);
    await queryRunner.query(
      `CREATE TABLE "seat" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "screen_id" integer NOT NULL, "row_label" varchar(3) NOT NULL, "row_index" integer NOT NULL, "number" integer NOT NULL, "col" integer NOT NULL, "kind" varchar(12) NOT NULL)`,
    );
    await queryRunner.query(
      `INSERT INTO "seat"("id", "screen_id", "row_label", "row_index", "number", "col", "kind") SELECT "id", "screen_id", "row_label", "row_index", "number", "col", "kind" FROM "temporary_seat"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_seat"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_seat_screen_row_number" ON "seat" ("screen_id", "row_label", "number") `,
    );
    await queryRunner.query(`DROP INDEX "uq_screen_theater_name"`);
    await queryRunner.query(`ALTER TABLE "screen" RENAME TO "temporary_screen"`);
    await queryRunner.query(
      `CREATE TABLE "screen" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "theater_id" integer NOT NULL, "name" varchar(60) NOT NULL, "layout" text NOT NULL, "seat_count" integer NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "screen"("id", "theater_id", "name", "layout", "seat_count", "created_at") SELECT "id", "theater_id", "name", "layout", "seat_count", "created_at" FROM "temporary_screen"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_screen"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_screen_theater_name" ON "screen" ("theater_id", "name") `);
    await queryRunner.query(`DROP INDEX "ix_booking_seat_booking"`);
    await queryRunner.query(`DROP TABLE "booking_seat"`);
    await queryRunner.query(`DROP INDEX "ix_booking_show"`);
    await queryRunner.query(`DROP INDEX "ix_booking_email"`);
    await queryRunner.query(`DROP INDEX "uq_booking_hold"`);
    await queryRunner.query(`DROP INDEX "uq_booking_idempotency_key"`);
    await queryRunner.query(`DROP INDEX "uq_booking_code"`);
    await queryRunner.query(`DROP TABLE "booking"`);
    await queryRunner.query(`DROP INDEX "ix_hold_show"`);
    await queryRunner.query(`DROP TABLE "hold"`);
    await queryRunner.query(`DROP INDEX "uq_show_seat"`);
    await queryRunner.query(`DROP INDEX "ix_show_seat_hold"`);
    await queryRunner.query(`DROP INDEX "ix_show_seat_booking"`);
    await queryRunner.query(`DROP TABLE "show_seat"`);
    await queryRunner.query(`DROP INDEX "ix_show_screen_starts"`);
    await queryRunner.query(`DROP INDEX "ix_show_movie_starts"`);
    await queryRunner.query(`DROP TABLE "show"`);
    await queryRunner.query(`DROP INDEX "uq_seat_screen_row_number"`);
    await queryRunner.query(`DROP TABLE "seat"`);
    await queryRunner.query(`DROP INDEX "uq_screen_theater_name"`);
    await queryRunner.query(`DROP TABLE "screen"`);
    await queryRunner.query(`DROP INDEX "uq_theater_name"`);
    await queryRunner.query(`DROP TABLE "theater"`);
    await queryRunner.query(`DROP INDEX "uq_movie_tmdb_id"`);
    await queryRunner.query(`DROP TABLE "movie"`);
  }
}
