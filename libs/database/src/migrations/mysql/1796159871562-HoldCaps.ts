import { MigrationInterface, QueryRunner } from 'typeorm';

export class HoldCaps1796159871562 implements MigrationInterface {
  name = 'HoldCaps1796159871562';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`hold\` ADD \`client_address\` varchar(64) NULL`);
    await queryRunner.query(`CREATE INDEX \`ix_hold_client_expires\` ON \`hold\` (\`client_address\`, \`expires_at\`)`);
    await queryRunner.query(`CREATE INDEX \`ix_hold_email_expires\` ON \`hold\` (\`customer_email\`, \`expires_at\`)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`ix_hold_email_expires\` ON \`hold\``);
    await queryRunner.query(`DROP INDEX \`ix_hold_client_expires\` ON \`hold\``);
    await queryRunner.query(`ALTER TABLE \`hold\` DROP COLUMN \`client_address\``);
  }
}
