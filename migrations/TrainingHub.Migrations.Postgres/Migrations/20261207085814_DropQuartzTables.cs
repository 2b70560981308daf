using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TrainingHub.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class DropQuartzTables : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Quartz.NET (the scheduler before Hangfire) created these tables itself, outside the EF model; children first.
            migrationBuilder.Sql("DROP TABLE IF EXISTS qrtz_fired_triggers CASCADE;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS qrtz_paused_trigger_grps CASCADE;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS qrtz_paused_job_grps CASCADE;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS qrtz_scheduler_state CASCADE;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS qrtz_locks CASCADE;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS qrtz_simple_triggers CASCADE;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS qrtz_simprop_triggers CASCADE;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS qrtz_cron_triggers CASCADE;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS qrtz_blob_triggers CASCADE;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS qrtz_triggers CASCADE;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS qrtz_job_details CASCADE;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS qrtz_calendars CASCADE;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS qrtz_execution_history CASCADE;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS qrtz_misfire_history CASCADE;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS qrtz_job_status CASCADE;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Nothing to restore: Hangfire keeps the schedules now, and Quartz would create its tables again itself.
        }
    }
}
