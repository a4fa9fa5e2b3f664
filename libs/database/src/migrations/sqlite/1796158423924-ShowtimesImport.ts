import { MigrationInterface, QueryRunner } from 'typeorm';

export class ShowtimesImport1796158423924 implements MigrationInterface {
  name = 'ShowtimesImport1796158423924';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "uq_theater_name"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_theater" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(120) NOT NULL, "city" varchar(120), "created_at" datetime NOT NULL DEFAULT (datetime('now')), "source_id" varchar(40), "address" varchar(300), "time_zone" varchar(64), "vanished_at" datetime, "price_cents" integer, "premium_price_cents" integer)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_theater"("id", "name", "city", "created_at") SELECT "id", "name", "city", "created_at" FROM "theater"`,
    );
    await queryRunner.query(`DROP TABLE "theater"`);
    await queryRunner.query(`ALTER TABLE "temporary_theater" RENAME TO "theater"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_theater_name" ON "theater" ("name") `);
    await queryRunner.query(`DROP INDEX "uq_screen_theater_name"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_screen" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "theater_id" integer NOT NULL, "name" varchar(60) NOT NULL, "layout" text NOT NULL, "seat_count" integer NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "vanished_at" datetime, CONSTRAINT "fk_screen_theater" FOREIGN KEY ("theater_id") REFERENCES "theater" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_screen"("id", "theater_id", "name", "layout", "seat_count", "created_at") SELECT "id", "theater_id", "name", "layout", "seat_count", "created_at" FROM "screen"`,
    );
    await queryRunner.query(`DROP TABLE "screen"`);
    await queryRunner.query(`ALTER TABLE "temporary_screen" RENAME TO "screen"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_screen_theater_name" ON "screen" ("theater_id", "name") `);
    await queryRunner.query(`DROP INDEX "ix_show_screen_starts"`);
    await queryRunner.query(`DROP INDEX "ix_show_movie_starts"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_show" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "movie_id" integer NOT NULL, "screen_id" integer NOT NULL, "starts_at" datetime NOT NULL, "ends_at" datetime NOT NULL, "price_cents" integer NOT NULL, "premium_price_cents" integer NOT NULL, "generated" boolean NOT NULL DEFAULT (0), "created_at" datetime NOT NULL DEFAULT (datetime('now')), "source_id" varchar(40), "language" varchar(12), "subtitle_language" varchar(12), "attributes" text, "booking_link" varchar(500), "cancelled_upstream_at" datetime, CONSTRAINT "fk_show_screen" FOREIGN KEY ("screen_id") REFERENCES "screen" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "fk_show_movie" FOREIGN KEY ("movie_id") REFERENCES "movie" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_show"("id", "movie_id", "screen_id", "starts_at", "ends_at", "price_cents", "premium_price_cents", "generated", "created_at") SELECT "id", "movie_id", "screen_id", "starts_at", "ends_at", "price_cents", "premium_price_cents", "generated", "created_at" FROM "show"`,
    );
    await queryRunner.query(`DROP TABLE "show"`);
    await queryRunner.query(`ALTER TABLE "temporary_show" RENAME TO "show"`);
    await queryRunner.query(`CREATE INDEX "ix_show_screen_starts" ON "show" ("screen_id", "starts_at") `);
    await queryRunner.query(`CREATE INDEX "ix_show_movie_starts" ON "show" ("movie_id", "starts_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_theater_source_id" ON "theater" ("source_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_show_source_id" ON "show" ("source_id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "uq_show_source_id"`);
    await queryRunner.query(`DROP INDEX "uq_theater_source_id"`);
    await queryRunner.query(`DROP INDEX "ix_show_movie_starts"`);
    await queryRunner.query(`DROP INDEX "ix_show_screen_starts"`);
    await queryRunner.query(`ALTER TABLE "show" RENAME TO "temporary_show"`);
    await queryRunner.query(
      `CREATE TABLE "show" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "movie_id" integer NOT NULL, "screen_id" integer NOT NULL, "starts_at" datetime NOT NULL, "ends_at" datetime NOT NULL, "price_cents" integer NOT NULL, "premium_price_cents" integer NOT NULL, "generated" boolean NOT NULL DEFAULT (0), "created_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "fk_show_screen" FOREIGN KEY ("screen_id") REFERENCES "screen" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "fk_show_movie" FOREIGN KEY ("movie_id") REFERENCES "movie" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "show"("id", "movie_id", "screen_id", "starts_at", "ends_at", "price_cents", "premium_price_cents", "generated", "created_at") SELECT "id", "movie_id", "screen_id", "starts_at", "ends_at", "price_cents", "premium_price_cents", "generated", "created_at" FROM "temporary_show"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_show"`);
    await queryRunner.query(`CREATE INDEX "ix_show_movie_starts" ON "show" ("movie_id", "starts_at") `);
    await queryRunner.query(`CREATE INDEX "ix_show_screen_starts" ON "show" ("screen_id", "starts_at") `);
    await queryRunner.query(`DROP INDEX "uq_screen_theater_name"`);
    await queryRunner.query(`ALTER TABLE "screen" RENAME TO "temporary_screen"`);
    await queryRunner.query(
      `CREATE TABLE "screen" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "theater_id" integer NOT NULL, "name" varchar(60) NOT NULL, "layout" text NOT NULL, "seat_count" integer NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "fk_screen_theater" FOREIGN KEY ("theater_id") REFERENCES "theater" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "screen"("id", "theater_id", "name", "layout", "seat_count", "created_at") SELECT "id", "theater_id", "name", "layout", "seat_count", "created_at" FROM "temporary_screen"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_screen"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_screen_theater_name" ON "screen" ("theater_id", "name") `);
    await queryRunner.query(`DROP INDEX "uq_theater_name"`);
    await queryRunner.query(`ALTER TABLE "theater" RENAME TO "temporary_theater"`);
    await queryRunner.query(
      `CREATE TABLE "theater" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(120) NOT NULL, "city" varchar(120), "created_at" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "theater"("id", "name", "city", "created_at") SELECT "id", "name", "city", "created_at" FROM "temporary_theater"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_theater"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_theater_name" ON "theater" ("name") `);
  }
}
