import { MigrationInterface, QueryRunner } from 'typeorm';

export class TicketTypes1796188725668 implements MigrationInterface {
  name = 'TicketTypes1796188725668';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`ticket_type\` (\`id\` int NOT NULL AUTO_INCREMENT, \`theater_id\` int NOT NULL, \`name\` varchar(40) NOT NULL, \`price_cents\` int NULL, \`position\` int NOT NULL DEFAULT '0', \`active\` tinyint NOT NULL DEFAULT 1, UNIQUE INDEX \`uq_ticket_type_theater_name\` (\`theater_id\`, \`name\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`seat_kind_surcharge\` (\`theater_id\` int NOT NULL, \`kind\` varchar(12) NOT NULL, \`surcharge_cents\` int NOT NULL, PRIMARY KEY (\`theater_id\`, \`kind\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`theater_pricing\` (\`theater_id\` int NOT NULL, \`currency_code\` varchar(3) NOT NULL, PRIMARY KEY (\`theater_id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(`ALTER TABLE \`hold\` ADD \`ticket_types\` text NULL`);
    await queryRunner.query(`ALTER TABLE \`booking\` ADD \`currency_code\` varchar(3) NULL`);
    await queryRunner.query(`ALTER TABLE \`booking_seat\` ADD \`ticket_type_id\` int NULL`);
    await queryRunner.query(`ALTER TABLE \`booking_seat\` ADD \`ticket_type_name\` varchar(40) NULL`);
    await queryRunner.query(`ALTER TABLE \`booking_seat\` ADD \`surcharge_cents\` int NOT NULL DEFAULT '0'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`booking_seat\` DROP COLUMN \`surcharge_cents\``);
    await queryRunner.query(`ALTER TABLE \`booking_seat\` DROP COLUMN \`ticket_type_name\``);
    await queryRunner.query(`ALTER TABLE \`booking_seat\` DROP COLUMN \`ticket_type_id\``);
    await queryRunner.query(`ALTER TABLE \`booking\` DROP COLUMN \`currency_code\``);
    await queryRunner.query(`ALTER TABLE \`hold\` DROP COLUMN \`ticket_types\``);
    await queryRunner.query(`DROP TABLE \`theater_pricing\``);
    await queryRunner.query(`DROP TABLE \`seat_kind_surcharge\``);
    await queryRunner.query(`DROP INDEX \`uq_ticket_type_theater_name\` ON \`ticket_type\``);
    await queryRunner.query(`DROP TABLE \`ticket_type\``);
  }
}
