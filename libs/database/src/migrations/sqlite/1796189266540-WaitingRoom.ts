import { MigrationInterface, QueryRunner } from 'typeorm';

export class WaitingRoom1796189266540 implements MigrationInterface {
  name = 'WaitingRoom1796189266540';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "show_queue" ("show_id" integer PRIMARY KEY NOT NULL, "queue_mode" varchar(8) NOT NULL DEFAULT ('off'), "on_sale_at" bigint, "admission_rate_per_min" integer NOT NULL, "pick_window_s" integer NOT NULL, CONSTRAINT "fk_show_queue_show" FOREIGN KEY ("show_id") REFERENCES "show" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "show_queue"`);
  }
}
