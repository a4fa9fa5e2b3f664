import { MigrationInterface, QueryRunner } from 'typeorm';

export class SeatLayoutVersions1796172178653 implements MigrationInterface {
  name = 'SeatLayoutVersions1796172178653';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "uq_seat_screen_row_number"`);
    await queryRunner.query(`DROP INDEX "uq_screen_theater_name"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_screen" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "theater_id" integer NOT NULL, "name" varchar(60) NOT NULL, "layout" text NOT NULL, "seat_count" integer NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "vanished_at" datetime, "layout_version" integer NOT NULL DEFAULT (1), CONSTRAINT "fk_screen_theater" FOREIGN KEY ("theater_id") REFERENCES "theater" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_screen"("id", "theater_id", "name", "layout", "seat_count", "created_at", "vanished_at") SELECT "id", "theater_id", "name", "layout", "seat_count", "created_at", "vanished_at" FROM "screen"`,
    );
    await queryRunner.query(`DROP TABLE "screen"`);
    await queryRunner.query(`ALTER TABLE "temporary_screen" RENAME TO "screen"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_screen_theater_name" ON "screen" ("theater_id", "name") `);
    await queryRunner.query(
      `CREATE TABLE "temporary_seat" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "screen_id" integer NOT NULL, "row_label" varchar(3) NOT NULL, "row_index" integer NOT NULL, "number" integer NOT NULL, "col" integer NOT NULL, "kind" varchar(12) NOT NULL, "layout_version" integer NOT NULL DEFAULT (1), CONSTRAINT "fk_seat_screen" FOREIGN KEY ("screen_id") REFERENCES "screen" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_seat"("id", "screen_id", "row_label", "row_index", "number", "col", "kind") SELECT "id", "screen_id", "row_label", "row_index", "number", "col", "kind" FROM "seat"`,
    );
    await queryRunner.query(`DROP TABLE "seat"`);
    await queryRunner.query(`ALTER TABLE "temporary_seat" RENAME TO "seat"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_seat_screen_layout_row_number" ON "seat" ("screen_id", "layout_version", "row_label", "number") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "uq_seat_screen_layout_row_number"`);
    await queryRunner.query(`ALTER TABLE "seat" RENAME TO "temporary_seat"`);
    await queryRunner.query(
      `CREATE TABLE "seat" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "screen_id" integer NOT NULL, "row_label" varchar(3) NOT NULL, "row_index" integer NOT NULL, "number" integer NOT NULL, "col" integer NOT NULL, "kind" varchar(12) NOT NULL, CONSTRAINT "fk_seat_screen" FOREIGN KEY ("screen_id") REFERENCES "screen" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "seat"("id", "screen_id", "row_label", "row_index", "number", "col", "kind") SELECT "id", "screen_id", "row_label", "row_index", "number", "col", "kind" FROM "temporary_seat"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_seat"`);
    await queryRunner.query(`DROP INDEX "uq_screen_theater_name"`);
    await queryRunner.query(`ALTER TABLE "screen" RENAME TO "temporary_screen"`);
    await queryRunner.query(
      `CREATE TABLE "screen" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "theater_id" integer NOT NULL, "name" varchar(60) NOT NULL, "layout" text NOT NULL, "seat_count" integer NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "vanished_at" datetime, CONSTRAINT "fk_screen_theater" FOREIGN KEY ("theater_id") REFERENCES "theater" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "screen"("id", "theater_id", "name", "layout", "seat_count", "created_at", "vanished_at") SELECT "id", "theater_id", "name", "layout", "seat_count", "created_at", "vanished_at" FROM "temporary_screen"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_screen"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_screen_theater_name" ON "screen" ("theater_id", "name") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_seat_screen_row_number" ON "seat" ("screen_id", "row_label", "number") `,
    );
  }
}
